using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GutSkin.Web.Tests.Experiments;

/// <summary>The Python reference's journals run through the API and the page: the sensitivity check end to end.</summary>
public sealed class ExperimentSensitivityApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task FragileBaseline_HelpedOn14Days_IsNotYetClear_WithTheSensitivityTable()
    {
        var (member, id, fixture) = await ExperimentFromFixtureAsync("ab_fragile_baseline");

        var result = await TestSupport.ReadJsonAsync(await member.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken));

        Assert.Equal("helped", result.GetProperty("primaryVerdict").GetString());
        Assert.Equal("notYetClear", result.GetProperty("verdict").GetString());
        Assert.StartsWith("Depends on which days count as before", result.GetProperty("sensitivityReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("depends on which days count as before", result.GetProperty("reading").GetString(), StringComparison.Ordinal);
        AssertRowsMatch(fixture, result);
        Assert.Equal("helped", Row(result, "14").GetProperty("verdict").GetString());
        Assert.Equal("notYetClear", Row(result, "56").GetProperty("verdict").GetString());
        Assert.True(result.GetProperty("flare").GetProperty("duringFlare").GetBoolean());
        Assert.Contains("began during a flare", result.GetProperty("flareNote").GetString(), StringComparison.Ordinal);

        var cookie = await factory.CookieClientAsync(member.Email);
        var html = await cookie.GetStringAsync($"/experiments/{id}", TestContext.Current.CancellationToken);
        Assert.Contains("data-verdict=\"notYetClear\"", html, StringComparison.Ordinal);
        Assert.Contains("data-sensitivity-reason", html, StringComparison.Ordinal);
        foreach (var window in new[] { "14", "28", "56", "all", "trend" })
        {
            Assert.Contains($"data-window=\"{window}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-flare", html, StringComparison.Ordinal);

        // The clinician's report (page and PDF) carries the same check and says why the verdict was downgraded.
        var design = fixture.GetProperty("design");
        var period = $"from={design.GetProperty("blocks")[0].GetProperty("start").GetString()}&to={design.GetProperty("end").GetString()}";
        var report = await member.Client.GetStringAsync($"/report?{period}", TestContext.Current.CancellationToken);
        Assert.Contains("Sensitivity of the verdict", report, StringComparison.Ordinal);
        Assert.Contains("not every sensitivity check agrees", report, StringComparison.Ordinal);
        Assert.Contains("began during a flare", report, StringComparison.Ordinal);
        var pdf = await member.Client.GetAsync($"/report.pdf?{period}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var words = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Allowing for a trend", words, StringComparison.Ordinal);
        Assert.Contains("not every sensitivity check agrees", words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobustEffect_StaysHelped_AndEveryWindowAgrees()
    {
        var (member, id, fixture) = await ExperimentFromFixtureAsync("ab_robust_helped");

        var result = await TestSupport.ReadJsonAsync(await member.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken));

        Assert.Equal("helped", result.GetProperty("verdict").GetString());
        Assert.Equal("helped", result.GetProperty("primaryVerdict").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("sensitivityReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("flareNote").ValueKind);
        AssertRowsMatch(fixture, result);
        Assert.All(result.GetProperty("sensitivity").EnumerateArray(), r => Assert.Equal("helped", r.GetProperty("verdict").GetString()));
    }

    private static JsonElement Row(JsonElement result, string window) =>
        result.GetProperty("sensitivity").EnumerateArray().Single(r => r.GetProperty("window").GetString() == window);

    private static void AssertRowsMatch(JsonElement fixture, JsonElement result)
    {
        var expected = fixture.GetProperty("sensitivity").GetProperty("rows").EnumerateArray().ToList();
        var actual = result.GetProperty("sensitivity").EnumerateArray().ToList();
        Assert.Equal(expected.Select(r => r.GetProperty("window").GetString()), actual.Select(r => r.GetProperty("window").GetString()));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.GetProperty("verdict").GetString(), a.GetProperty("verdict").GetString());
            foreach (var field in new[] { "effect", "ciLow", "ciHigh" })
            {
                var (x, y) = (e.GetProperty(field).GetDouble(), a.GetProperty(field).GetDouble());
                Assert.True(Math.Abs(x - y) <= (1e-9 * Math.Abs(x)) + 1e-12, $"{e.GetProperty("window")} {field}: {x} vs {y}");
            }
        }
    }

    /// <summary>A member whose journal is the fixture's outcome (a custom skin item) and intervention, with the
    /// fixture's experiment planned through the API.</summary>
    private async Task<(TestMember Member, int Id, JsonElement Fixture)> ExperimentFromFixtureAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var fixture = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"), ct)).RootElement.Clone();
        var member = await factory.MemberAsync();
        await TestSupport.ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "rash", label = "Rash", group = "skin", kind = "litres" }, ct), HttpStatusCode.Created);
        var csv = new StringBuilder("date,item,value\n");
        foreach (var (series, key) in new[] { ("outcome", "rash"), ("intervention", "probiotic_supplement") })
        {
            foreach (var pair in fixture.GetProperty(series).EnumerateArray())
            {
                csv.Append(CultureInfo.InvariantCulture, $"{pair[0].GetString()},{key},{pair[1].GetDouble().ToString("R", CultureInfo.InvariantCulture)}\n");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()), ct)).StatusCode);
        var design = fixture.GetProperty("design");
        var blocks = design.GetProperty("blocks");
        var plan = new
        {
            name = "Probiotic",
            intervention = "probiotic_supplement",
            outcome = "rash",
            start = blocks[0].GetProperty("start").GetString(),
            @switch = blocks[1].GetProperty("start").GetString(),
            end = design.GetProperty("end").GetString(),
            onsetDays = design.GetProperty("onsetDays").GetInt32(),
        };
        var created = await TestSupport.ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/experiments", plan, ct), HttpStatusCode.Created);
        return (member, created.GetProperty("id").GetInt32(), fixture);
    }
}
