using System.Diagnostics;
using System.Globalization;
using System.Text;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Import;

/// <summary>
/// A three-year Bearable export (about 50,000 rows) through the API, database write included: the figures are written to
/// the test output for docs/performance.md, never asserted; what is asserted is that every day arrived.
/// </summary>
public sealed class ImportTimingTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task ABearableExportOfThreeYears_IsPreviewedAndImported()
    {
        var ct = TestContext.Current.CancellationToken;
        var member = await factory.MemberAsync();
        var fixture = ImportFixtures.Bearable(days: 1100, extraSymptoms: 33, start: new DateOnly(2023, 6, 1));

        var clock = Stopwatch.StartNew();
        var preview = await ReadJsonAsync(await member.Client.PostAsync("/api/import/preview", ImportApiTests.Form(fixture.Text), ct));
        var previewed = clock.Elapsed;
        clock.Restart();
        var form = ImportApiTests.Form(fixture.Text, ("mapping", preview.GetProperty("entries").GetRawText()));
        var summary = await ReadJsonAsync(await member.Client.PostAsync("/api/import", form, ct));
        var imported = clock.Elapsed;
        // The same values again as a journal CSV through POST /api/journal/import: the cost of the shared write path alone.
        var csv = new StringBuilder("date,item,value\n");
        foreach (var (day, values) in fixture.Expected)
        {
            foreach (var (key, value) in values)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{day},{key},{value}\n");
            }
        }

        clock.Restart();
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv.ToString()), ct));
        var asCsv = clock.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine($"{fixture.Text.Length / 1024} KiB, {fixture.Values} values: preview {previewed.TotalMilliseconds:0} ms, import {imported.TotalMilliseconds:0} ms; the same values as a journal CSV {asCsv.TotalMilliseconds:0} ms");
        Assert.Equal((1100, fixture.Values), (summary.GetProperty("days").GetInt32(), summary.GetProperty("values").GetInt32()));
    }
}
