using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>
/// axe on every page, anonymous and signed in, in light and dark mode, plus the Today page's saved
/// and error states; and no page scrolls sideways (/items with a custom item's rename box). One class per screen size so the two run side by side.
/// </summary>
public abstract class AccessibilityTests(BrowserFixture app, Screen screen)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task EveryPage_HasNoSeriousAxeViolationAndNoSidewaysScroll(ColorScheme colorScheme)
    {
        await using var context = await app.NewContextAsync(screen, colorScheme);
        var page = await context.NewPageAsync();
        var found = new List<string>();

        foreach (var path in SitePages.Anonymous)
        {
            await page.GotoAsync(path);
            await AxeAsync(page, path, found);
        }

        // Log a day first, so Today shows its "Saved" message and History its table rather than the empty state.
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var today = new TodayPage(page);
        await today.GotoAsync();
        await today.PickAsync("Bloating", "2");
        await today.SaveAsync();
        await Expect(today.Status).ToBeVisibleAsync();
        await AxeAsync(page, "/today (saved)", found);
        // A custom item, so /items has its rename boxes (their visually hidden labels once widened the page).
        await new ItemsPage(page).AddAsync("Dairy", "dairy");
        foreach (var path in SitePages.Member.Where(p => p != "/today"))
        {
            await page.GotoAsync(path);
            await AxeAsync(page, path, found);
        }

        await today.GotoAsync();
        await today.Number("Sleep").FillAsync("25");
        await today.SaveAsync();
        await Expect(today.Errors).ToBeVisibleAsync();
        await AxeAsync(page, "/today (errors)", found);

        Assert.True(found.Count == 0, $"{screen}, {colorScheme}:\n{string.Join('\n', found)}");
    }

    private static async Task AxeAsync(IPage page, string name, List<string> found)
    {
        // Only violations carry every node; passes would be serialised for nothing.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join("; ", violation.Nodes.Select(n => n.Target?.ToString()));
            found.Add($"{name}: {violation.Id} ({violation.Impact}) at {targets} ({violation.Help})");
        }

        // Reflow (WCAG 1.4.10), which axe does not check: nothing makes the page scroll sideways.
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            found.Add($"{name}: the page is {widths[0]} px wide on a {widths[1]} px screen and scrolls sideways");
        }
    }
}

public sealed class AccessibilityOnPhoneTests(BrowserFixture app) : AccessibilityTests(app, Screen.Phone), IClassFixture<BrowserFixture>;

public sealed class AccessibilityOnDesktopTests(BrowserFixture app) : AccessibilityTests(app, Screen.Desktop), IClassFixture<BrowserFixture>;
