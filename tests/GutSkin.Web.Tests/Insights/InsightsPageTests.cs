using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Insights;

/// <summary>The insights page tells the gut–skin link by the analysis core's rule, custom gut items included.</summary>
public sealed class InsightsPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task ACustomGutItemThatIsAFinding_CountsInTheGutSkinLink_AndEveryComparisonIsAPageOfItsOwn()
    {
        // Only a custom gut symptom is logged with the skin: redness rises 0.6 points per point of same-day cramps.
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "cramps", label = "Stomach cramps", group = "gut", kind = "severity" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var random = new Random(11);
        var csv = new StringBuilder("date,item,value\n");
        for (var d = 0; d < 120; d++)
        {
            var cramps = random.Next(0, 11);
            var redness = (int)Math.Clamp(Math.Round(1 + (0.6 * cramps) + (random.NextDouble() * 2) - 1), 0, 10);
            var date = new DateOnly(2026, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{date},cramps,{cramps}\n{date},redness,{redness}\n");
        }

        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv.ToString()), TestContext.Current.CancellationToken));
        var report = await ReadJsonAsync(await member.Client.GetAsync("/api/insights", TestContext.Current.CancellationToken));
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("factor").GetString() == "cramps" && f.GetProperty("lagDays").GetInt32() == 0
            && f.GetProperty("outcome").GetString() == "redness");
        Assert.True(finding.GetProperty("isGutSkinLink").GetBoolean());
        var gutSkinTests = report.GetProperty("associations").EnumerateArray().Count(a => a.GetProperty("factor").GetString() == "cramps");
        Assert.True(gutSkinTests > 0);

        var pages = await factory.CookieClientAsync(member.Email);
        var html = await pages.GetStringAsync("/insights", TestContext.Current.CancellationToken);

        var link = html[html.IndexOf("id=\"link-heading\"", StringComparison.Ordinal)..];
        link = link[..link.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains($"In {gutSkinTests} comparisons of your own gut symptoms with your skin", link, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(finding.GetProperty("plain").GetString()!), link, StringComparison.Ordinal);

        // Every comparison is a page of its own: Insights links to it and carries no row of it.
        Assert.Contains("href=\"/insights/comparisons?maxLag=3\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Every comparison, ", html, StringComparison.Ordinal);
        var all = await pages.GetStringAsync("/insights/comparisons?untested=false", TestContext.Current.CancellationToken);
        Assert.Contains($"Every comparison, {report.GetProperty("associations").GetArrayLength()} rows", all, StringComparison.Ordinal);
        var filtered = await pages.GetStringAsync("/insights/comparisons?untested=false&q=cramps", TestContext.Current.CancellationToken);
        Assert.Contains($"Every comparison, {gutSkinTests} rows", filtered, StringComparison.Ordinal);

        // The chart's values table lists the last 90 of the 120 days; every day one link away.
        Assert.Equal(90, ValueRows(html));
        Assert.Contains("table=all#values", html, StringComparison.Ordinal);
        Assert.Equal(120, ValueRows(await pages.GetStringAsync("/insights?outcome=redness&factor=cramps&table=all", TestContext.Current.CancellationToken)));
        // The chart's data names its first day and one value a day, not every date.
        Assert.Contains("\"firstDate\":\"2026-01-01\"", html, StringComparison.Ordinal);
    }

    private static int ValueRows(string html)
    {
        var table = html[html.IndexOf("aria-label=\"Chart values by day\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return table.Split("<tr><th scope=\"row\">").Length - 1;
    }
}
