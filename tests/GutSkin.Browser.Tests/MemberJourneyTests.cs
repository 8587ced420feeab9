using System.Globalization;
using System.Text.RegularExpressions;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>What a new member does on a phone: sign up, set the time zone, log today, look back, take the data out.</summary>
public sealed class MemberJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Auckland = "Pacific/Auckland";

    [Fact]
    public async Task MemberRegistersSetsTimeZoneLogsTodaySeesItInHistoryAndExportsIt()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var requests = Requests.Record(context);
        var page = await context.NewPageAsync();

        await new RegisterPage(page, app.MailFolder).RegisterAsync(timeZone: "UTC");
        var profile = new ProfilePage(page);
        await profile.SetTimeZoneAsync(Auckland);
        await Expect(profile.TimeZone).ToHaveValueAsync(Auckland);

        var dayBefore = TodayIn(Auckland);
        var today = new TodayPage(page);
        await today.GotoAsync();
        await today.PickAsync("Redness / rosacea", "3");
        await today.PickAsync("Took a probiotic supplement", "Yes");
        await today.Number("Water").FillAsync("1.5");
        await today.WriteNoteAsync("Kefir at breakfast, long walk.");
        await today.SaveAsync();

        await Expect(today.Status).ToContainTextAsync("Saved");
        await Expect(today.Status).ToContainTextAsync("3 item(s) logged");
        // The member's time zone decides the day: Auckland's date, whatever the server's or the browser's is.
        var day = today.DateInAddress();
        Assert.Contains(day, new[] { dayBefore, TodayIn(Auckland) });

        // Re-open the day by its address: at Auckland's midnight /today alone would already be the next day.
        await today.GotoAsync(day);
        await Expect(today.Option("Redness / rosacea", "3")).ToBeCheckedAsync();
        await Expect(today.Option("Took a probiotic supplement", "Yes")).ToBeCheckedAsync();
        await Expect(today.Number("Water")).ToHaveValueAsync("1.5");
        await Expect(today.Note).ToHaveValueAsync("Kefir at breakfast, long walk.");
        // Untouched stays missing, not zero.
        await Expect(today.Option("Bloating", "Not logged")).ToBeCheckedAsync();
        await Expect(today.Option("Bloating", "0")).Not.ToBeCheckedAsync();
        await Expect(today.Item("Bloating")).ToContainTextAsync("not logged");
        await Expect(today.Number("Sleep")).ToHaveValueAsync("");

        var history = new HistoryPage(page);
        await history.GotoAsync();
        await Expect(history.Row(day)).ToHaveCountAsync(1);
        Assert.Equal(3.0.ToString("0.0", CultureInfo.CurrentCulture), await history.CellAsync(day, "Skin score"));
        Assert.Equal("3", await history.CellAsync(day, "Items"));

        // The month calendar above it: the day in its band with its score in words, a trend for redness, and taps that
        // fit a finger. A month back every day is missing, and one tap on a day opens it to fill in.
        await page.GotoAsync($"/history?month={day:yyyy-MM}");
        await Expect(history.Day(day)).ToHaveAccessibleNameAsync(new Regex(": skin score 3.0, mild$"));
        var box = await history.Day(day).BoundingBoxAsync();
        Assert.True(box is { Width: >= 44, Height: >= 44 }, $"A calendar day is {box?.Width}×{box?.Height} px on a phone.");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Redness / rosacea over " })).ToBeVisibleAsync();
        await history.Months.GetByRole(AriaRole.Link).First.ClickAsync();
        var earlier = new DateOnly(day.Year, day.Month, 15).AddMonths(-1);
        await Expect(history.Day(earlier)).ToHaveAccessibleNameAsync(new Regex(": not logged$"));
        await history.Day(earlier).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/today/{earlier:yyyy-MM-dd}$"));

        var data = new DataPage(page);
        await data.GotoAsync();
        var csv = await data.DownloadCsvAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,item,value", lines[0]);
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
            new[] { $"{iso},probiotic_supplement,1", $"{iso},redness,3", $"{iso},water,1.5" },
            lines.Skip(1).Order(StringComparer.Ordinal));
        // Importing the same file changes nothing, and the answer leads on to Insights.
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "journal.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex(@"Imported \d+ value\(s\) on 1 day\(s\)\."));
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/insights$"));

        // A custom item: the key follows the label as it is typed, until the member types a key of their own.
        await page.GotoAsync("/items");
        var label = page.GetByLabel("Label", new() { Exact = true });
        var key = page.Locator("#key");
        await label.FillAsync("Crème fraîche");
        await Expect(key).ToHaveValueAsync("creme_fraiche");
        await label.FillAsync("5-HTP 100 mg");
        await Expect(key).ToHaveValueAsync("item_5_htp_100_mg");
        await key.FillAsync("htp");
        await label.FillAsync("5-HTP");
        await Expect(key).ToHaveValueAsync("htp");

        Requests.AssertAllTo(app.Origin, requests);
    }

    [Fact]
    public async Task FormMistakesAreExplainedOnTheirFields()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();

        var register = new RegisterPage(page, app.MailFolder);
        await register.SubmitAsync("Ana", RegisterPage.NewEmail(), "short");
        await Expect(page).ToHaveURLAsync(new Regex("/account/register$"));
        await Expect(register.PasswordField).ToHaveAccessibleDescriptionAsync(new Regex("at least 10 characters"));

        var login = new LoginPage(page);
        await login.SubmitAsync("", "");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(login.EmailField).ToHaveAccessibleDescriptionAsync("Enter your e-mail address.");
        await Expect(login.PasswordField).ToHaveAccessibleDescriptionAsync("Enter your password.");
    }

    private static DateOnly TodayIn(string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
}
