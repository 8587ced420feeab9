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
        var member = await app.MemberAsync("a year with planted links", page => new DataPage(page).ImportAsync(PlantedJournal.Csv(today.AddDays(-365), 365)));
        await using var context = await app.NewContextAsync(screen, signedIn: member);
        var page = await context.NewPageAsync();
        var found = await Findings.ForAsync(context, $"Insights, {screen}");

        await page.GotoAsync("/insights");
        var findings = page.GetByRole(AriaRole.Region, new() { Name = "What stands out" });
        await Expect(findings.GetByText("Two days after more sugary foods and drinks, your breakouts were").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your gut–skin link" }).GetByText("On days with more bloating, your redness").First).ToBeVisibleAsync();
        await found.AxeAsync(page, "/insights");

        // The chart opens on the strongest finding; switch it to bloating against redness.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lag profile: Sugary foods and drinks → Breakouts / acne" })).ToBeVisibleAsync();
        await page.GetByLabel("Skin", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Redness / rosacea" });
        await page.WaitForURLAsync("**outcome=redness**");
        await page.GetByLabel("Compared with").SelectOptionAsync(new SelectOptionValue { Label = "Bloating" });
        await page.WaitForURLAsync("**factor=bloating**");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lag profile: Bloating → Redness / rosacea" })).ToBeVisibleAsync();
        await Expect(page.Locator("#series-chart")).ToBeVisibleAsync();
        // Chart.js drew into the canvas: it is no longer the blank 300×150 default.
        var width = await page.Locator("#series-chart").EvaluateAsync<int>("c => c.width");
        Assert.NotEqual(300, width);
        await found.AxeAsync(page, "/insights (switched)");
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
