using System.Globalization;
using System.Text;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>A member with a year of synthetic data: the Insights page shows what was planted, and an experiment shows its verdict.</summary>
public sealed class InsightsAndExperimentsTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(Screen.Phone)]
    [InlineData(Screen.Desktop)]
    public async Task InsightsPage_ShowsThePlantedFinding_SwitchesTheChart_AndPassesAxe(Screen screen)
    {
        // One member for both screens: the year is imported (and its insights computed) once.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var member = await app.MemberAsync("a year with a planted lag-1 link", page => new DataPage(page).ImportAsync(PlantedJournal.Csv(today.AddDays(-365), 365, sugarLag: 1)));
        await using var context = await app.NewContextAsync(screen, signedIn: member);
        var page = await context.NewPageAsync();
        var found = await Findings.ForAsync(context, $"Insights, {screen}");

        await page.GotoAsync("/insights");
        var findings = page.GetByRole(AriaRole.Region, new() { Name = "What stands out" });
        // The first finding in plain words: factor, outcome, when, a range and a strength word; the numbers one tap away.
        var first = findings.Locator(".finding").First;
        await Expect(first).ToContainTextAsync("For each extra serving of sugary foods and drinks the day before, your breakouts were about ");
        await Expect(first).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"points higher \(likely between \d\.\d+ and \d\.\d+ higher\): a (clear|fairly clear|tentative) pattern\."));
        await Expect(first.GetByText("95% CI")).Not.ToBeVisibleAsync();
        await first.GetByText("Details").ClickAsync();
        await Expect(first.GetByText("95% CI")).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelector('main').textContent.split('not proof of cause').length - 1"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your gut–skin link" }).GetByText("For each extra point of bloating on the same day, your redness").First).ToBeVisibleAsync();
        await found.AxeAsync(page, "/insights");

        // The chart opens on the strongest finding, with the factor moved by its lag: each day's breakouts beside the
        // sugar of the day before (checked against the journal itself), the last 30 days on a phone, all on a desktop.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lag profile: Sugary foods and drinks → Breakouts / acne" })).ToBeVisibleAsync();
        await Expect(page.Locator("figcaption")).ToContainTextAsync("beside Sugary foods and drinks on the day before");
        await page.Locator("#series-chart").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && Chart.getChart('series-chart') !== undefined");
        var shifted = await page.EvaluateAsync<bool>("""
            async () => {
              const data = JSON.parse(document.getElementById('insights-chart-data').textContent);
              const at = data.factorValues.length - 10;
              const [y, m, d] = data.firstDate.split('-').map(Number);
              const dayBefore = new Date(Date.UTC(y, m - 1, d + at - 1)).toISOString().slice(0, 10);
              const before = await (await fetch(`/api/journal/${dayBefore}`)).json();
              return data.factor.lag === 1 && data.factorValues[at] === before.values.sugary_foods;
            }
            """);
        Assert.True(shifted);
        Assert.Equal(screen == Screen.Phone ? 30 : 365, await page.EvaluateAsync<int>("() => Chart.getChart('series-chart').data.labels.length"));
        await page.GetByRole(AriaRole.Button, new() { Name = "90 days" }).ClickAsync();
        Assert.Equal(90, await page.EvaluateAsync<int>("() => Chart.getChart('series-chart').data.labels.length"));

        // Switch it to bloating against redness.
        await page.GetByLabel("Skin", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Redness / rosacea" });
        await page.WaitForURLAsync("**outcome=redness**");
        await page.GetByLabel("Compared with").SelectOptionAsync(new SelectOptionValue { Label = "Bloating" });
        await page.WaitForURLAsync("**factor=bloating**");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lag profile: Bloating → Redness / rosacea" })).ToBeVisibleAsync();
        await Expect(page.Locator("#series-chart")).ToBeVisibleAsync();
        // Chart.js is fetched only when a chart comes near the screen; then it draws into the canvas, which is no longer
        // the blank 300×150 default.
        await page.Locator("#series-chart").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && document.getElementById('series-chart').width !== 300");
        // The lag profile's effect points are drawn over their intervals.
        Assert.True(await page.EvaluateAsync<bool>("() => { const d = Chart.getChart('lag-chart').data.datasets; return d.find(x => x.label === 'Effect').order < d.find(x => x.label === '95% interval').order; }"));

        await found.AxeAsync(page, "/insights (switched)");
        // Every comparison is a page of its own, filtered on the server.
        await page.GetByRole(AriaRole.Link, new() { Name = "See every comparison with its numbers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Every comparison");
        await page.GetByLabel("Filter").FillAsync("bloating");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Every comparison" }).Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("Bloating");
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains("Bloating", row, StringComparison.Ordinal));
        await found.AxeAsync(page, "/insights/comparisons");
        found.AssertNone();
    }

    [Fact]
    public async Task ExperimentFromATemplate_ShowsItsVerdict_AndTheReportPassesAxe()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var found = await Findings.ForAsync(context, "Experiment and report, phone");
        await new RegisterPage(page, app.MailFolder).RegisterAsync();

        // Redness about 5 for eight weeks, then about 3 from the day a probiotic was started eight weeks ago.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var changed = today.AddDays(-56);
        var random = new Random(11);
        var csv = new StringBuilder("date,item,value\n");
        for (var day = changed.AddDays(-56); day < today; day = day.AddDays(1))
        {
            var after = day >= changed.AddDays(14);
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},redness,{(after ? 3 : 5) + random.Next(-1, 2)}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},probiotic_supplement,{(day >= changed ? 1 : 0)}\n");
        }

        await new DataPage(page).ImportAsync(csv.ToString());
        await page.GotoAsync("/experiments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan it: Start a probiotic supplement" }).ClickAsync();
        await page.GetByLabel("The skin symptom to judge it by").SelectOptionAsync(new SelectOptionValue { Label = "Redness / rosacea" });
        await page.GetByLabel("The change already started; use the days before it as the baseline").CheckAsync();
        await page.GetByLabel("The change started on").FillAsync(changed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Baseline days").FillAsync("56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the experiment" }).ClickAsync();
        await page.WaitForURLAsync("**/experiments/*");

        var result = page.GetByRole(AriaRole.Heading, new() { Name = "Result: Helped" });
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.GetByText("cannot rule out placebo").First).ToBeVisibleAsync();
        await found.AxeAsync(page, "experiment");

        await page.GotoAsync("/report");
        await Expect(page.GetByText("Verdict: helped.")).ToBeVisibleAsync();
        await found.AxeAsync(page, "/report");
        found.AssertNone();
    }
}
