using System.Globalization;
using System.Text.Json;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>
/// The daily check-in on a 390×844 phone with the 12-item plan the self-check suggests: how many taps a day takes,
/// counted by the page itself (every pointerdown and keydown that reaches the document), and how tall the page is.
/// </summary>
public sealed class CheckInTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>Two skin signs, two gut signs with stool form, and the seven habits every plan tracks.</summary>
    private static readonly string[] TwelveItems =
    [
        "redness", "breakouts", "bloating", "constipation", "stool_form", "probiotic_supplement",
        "fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods", "water", "stress",
    ];

    /// <summary>Counts every pointerdown and keydown the pages of this tab see, across navigations (a save reloads the page).</summary>
    private const string CountInputs = """
        for (const [event, name] of [['pointerdown', 'taps'], ['keydown', 'keys']]) {
          document.addEventListener(event, () => sessionStorage.setItem(name, String(Number(sessionStorage.getItem(name) ?? 0) + 1)), true);
        }
        """;

    private static async Task ResetCountsAsync(IPage page) => await page.EvaluateAsync("() => { sessionStorage.setItem('taps', '0'); sessionStorage.setItem('keys', '0'); }");

    private static Task<int> CountAsync(IPage page, string name) => page.EvaluateAsync<int>($"() => Number(sessionStorage.getItem('{name}') ?? 0)");

    [Fact]
    public async Task TheTwelveItemPlan_AFreshDayInThirteenTaps_SameAsYesterdayWithTwoChangesInFour_NoKeyboard()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        await context.AddInitScriptAsync(CountInputs);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var plan = await page.APIRequest.PutAsync("/api/plan", new() { DataObject = new { items = TwelveItems } });
        Assert.True(plan.Ok, await plan.TextAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yesterday = today.AddDays(-1);

        // A fresh day: one tap per item, then Save.
        var day = new TodayPage(page);
        await day.GotoAsync(yesterday);
        await ResetCountsAsync(page);
        Assert.True(await PageHeightAsync(page) <= 1.5 * 844, $"The Today page is {await PageHeightAsync(page)} px tall at 390×844: more than one and a half screens.");
        await Expect(page.GetByText("0 of 12 logged")).ToBeVisibleAsync();
        await Expect(day.SaveButton).ToBeInViewportAsync();
        var fresh = new (string Item, string Option)[]
        {
            ("Redness / rosacea", "3"), ("Breakouts / acne", "2"), ("Bloating", "4"), ("Constipation", "1"), ("Stool form", "4"),
            ("Took a probiotic supplement", "Yes"), ("Fermented foods", "1 serving"), ("Prebiotic-rich foods", "2 servings"),
            ("Sugary foods", "1 serving"), ("Processed foods", "0 servings"), ("Water", "1.5 L"), ("Stress", "5"),
        };
        foreach (var (item, option) in fresh)
        {
            await TapAsync(page, item, option);
        }

        await Expect(page.GetByText("12 of 12 logged")).ToBeVisibleAsync();
        // Save stays in reach: at the foot of the screen wherever the member has scrolled to.
        await Expect(day.SaveButton).ToBeInViewportAsync();
        await day.SaveButton.TapAsync();
        await Expect(day.Status).ToContainTextAsync("12 item(s) logged");
        Assert.Equal(13, await CountAsync(page, "taps"));
        Assert.Equal(0, await CountAsync(page, "keys"));
        var saved = await DayValuesAsync(page, yesterday);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["redness"] = 3, ["breakouts"] = 2, ["bloating"] = 4, ["constipation"] = 1, ["stool_form"] = 4, ["probiotic_supplement"] = 1,
                ["fermented_foods"] = 1, ["prebiotic_foods"] = 2, ["sugary_foods"] = 1, ["processed_foods"] = 0, ["water"] = 1.5, ["stress"] = 5,
            },
            saved);

        // The next day: same as yesterday, two changes, Save.
        await day.GotoAsync(today);
        await ResetCountsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Same as yesterday" }).TapAsync();
        // Every item shows yesterday's value, marked as filled, and is still changeable.
        await Expect(page.GetByText("12 of 12 logged")).ToBeVisibleAsync();
        await Expect(day.Option("Redness / rosacea", "3")).ToBeCheckedAsync();
        await Expect(day.Number("Water")).ToHaveValueAsync("1.5");
        await Expect(day.Item("Bloating filled")).ToHaveCountAsync(1);
        await TapAsync(page, "Redness / rosacea", "5");
        await TapAsync(page, "Water", "2 L");
        await Expect(day.Item("Redness / rosacea logged")).ToHaveCountAsync(1);
        await day.SaveButton.TapAsync();
        await Expect(day.Status).ToContainTextAsync("12 item(s) logged");
        Assert.Equal(4, await CountAsync(page, "taps"));
        Assert.Equal(0, await CountAsync(page, "keys"));
        var next = await DayValuesAsync(page, today);
        Assert.Equal(saved.Count, next.Count);
        Assert.Equal(5, next["redness"]);
        Assert.Equal(2, next["water"]);
        Assert.All(saved.Keys.Except(["redness", "water"]), key => Assert.Equal(saved[key], next[key]));
    }

    [Fact]
    public async Task PartOfADay_SavesWhatIsThere_AndTheStepperNeedsNoKeyboard()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        await context.AddInitScriptAsync(CountInputs);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        Assert.True((await page.APIRequest.PutAsync("/api/plan", new() { DataObject = new { items = TwelveItems } })).Ok);
        var day = new TodayPage(page);
        await day.GotoAsync();
        await ResetCountsAsync(page);

        await TapAsync(page, "Breakouts / acne", "6");
        var water = day.Item("Water");
        // From "not logged", + starts at the first step; each tap moves by a quarter litre.
        await water.GetByRole(AriaRole.Button, new() { Name = "More: Water" }).TapAsync();
        await water.GetByRole(AriaRole.Button, new() { Name = "More: Water" }).TapAsync();
        await water.GetByRole(AriaRole.Button, new() { Name = "More: Water" }).TapAsync();
        await water.GetByRole(AriaRole.Button, new() { Name = "Less: Water" }).TapAsync();
        await Expect(day.Number("Water")).ToHaveValueAsync("0.5");
        // Tapping the chosen common value again takes it back to "not logged".
        await TapAsync(page, "Fermented foods", "2 servings");
        await TapAsync(page, "Fermented foods", "2 servings");
        await Expect(page.GetByText("2 of 12 logged")).ToBeVisibleAsync();
        await Expect(day.SaveButton).ToHaveTextAsync("Save what I have");
        await day.SaveButton.TapAsync();

        await Expect(day.Status).ToContainTextAsync("2 item(s) logged");
        Assert.Equal(0, await CountAsync(page, "keys"));
        Assert.Equal(new Dictionary<string, double> { ["breakouts"] = 6, ["water"] = 0.5 }, await DayValuesAsync(page, day.DateInAddress()));
    }

    /// <summary>Taps the option of an item: a chip of a one-tap scale, or a common value beside a stepper.</summary>
    private static async Task TapAsync(IPage page, string item, string option)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = item });
        var radio = group.GetByRole(AriaRole.Radio, new() { Name = option });
        if (await radio.CountAsync() == 0)
        {
            await group.GetByRole(AriaRole.Button, new() { Name = option, Exact = true }).TapAsync();
        }
        else
        {
            // The radio is drawn as a chip; the transparent input covers it, so the tap lands on the input itself.
            await radio.First.TapAsync();
        }
    }

    private static Task<int> PageHeightAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollHeight");

    private static async Task<Dictionary<string, double>> DayValuesAsync(IPage page, DateOnly date)
    {
        var response = await page.APIRequest.GetAsync($"/api/journal/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        Assert.True(response.Ok, $"GET the day answered {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
