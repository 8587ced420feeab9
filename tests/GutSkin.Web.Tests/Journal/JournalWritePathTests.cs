using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>
/// The API's PUT, the Today page, the CSV import and the JSON import write through one path with one set of day
/// rules: the same bad day is refused by each, with the same message, and nothing is written.
/// </summary>
public sealed partial class JournalWritePathTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Theory]
    [InlineData("redness", "11", "Redness / rosacea must be between 0 and 10.")]
    [InlineData("stool_form", "3.5", "Stool form (Bristol scale) must be a whole number from 1 to 7.")]
    [InlineData("probiotic_supplement", "2", "Took a probiotic supplement must be 1 (yes) or 0 (no).")]
    public async Task ABadValue_IsRefusedTheSameWayByEveryWriter(string key, string value, string message)
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var before = factory.Fingerprint();
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var put = await AssertProblemAsync(await member.Client.PutDayAsync("2026-06-10", new { values = new Dictionary<string, double> { [key] = number } }), HttpStatusCode.BadRequest, $"values.{key}");
        var csv = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv($"date,item,value\n2026-06-10,{key},{value}\n"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");
        var json = await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/journal/import", new { days = new[] { new { date = "2026-06-10", values = new Dictionary<string, double> { [key] = number } } } }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, $"days[0].values.{key}");
        var page = await cookie.GetStringAsync("/today/2026-06-10", TestContext.Current.CancellationToken);
        var form = await cookie.PostAsync("/today/2026-06-10", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            [$"Values[{key}]"] = value,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(message, put.GetProperty("errors").GetProperty($"values.{key}")[0].GetString());
        Assert.Equal(message, csv.GetProperty("rows")[0].GetProperty("message").GetString());
        Assert.Equal($"days[0]: {message}", json.GetProperty("errors").GetProperty($"days[0].values.{key}")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(message), await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ADayTooFarAhead_IsRefusedTheSameWayByEveryWriter()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var before = factory.Fingerprint();
        const string Message = "2026-06-17 is more than one day ahead of your today (2026-06-15).";

        var put = await AssertProblemAsync(await member.Client.PutDayAsync("2026-06-17", new { values = new { redness = 3 } }), HttpStatusCode.BadRequest, "date");
        var csv = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-17,redness,3\n"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");
        var json = await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/journal/import", new { days = new[] { new { date = "2026-06-17" } } }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "days[0].date");
        var page = await cookie.GetAsync("/today/2026-06-17", TestContext.Current.CancellationToken);

        Assert.Equal(Message, put.GetProperty("errors").GetProperty("date")[0].GetString());
        Assert.Equal(Message, csv.GetProperty("rows")[0].GetProperty("message").GetString());
        Assert.Equal($"days[0]: {Message}", json.GetProperty("errors").GetProperty("days[0].date")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(Message, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
    }
}
