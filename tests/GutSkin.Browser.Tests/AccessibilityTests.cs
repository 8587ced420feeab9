using System.Globalization;
using System.Text;
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
        var found = await Findings.ForAsync(context, $"{screen}, {colorScheme}");

        foreach (var path in SitePages.Anonymous)
        {
            await page.GotoAsync(path);
            await found.AxeAndReflowAsync(page, path);
        }

        // Log a day first, so Today shows its "Saved" message and History its table rather than the empty state.
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var today = new TodayPage(page);
        await today.GotoAsync();
        await today.PickAsync("Bloating", "2");
        await today.SaveAsync();
        await Expect(today.Status).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "/today (saved)");
        // A custom item, so /items has its rename boxes (their visually hidden labels once widened the page).
        await new ItemsPage(page).AddAsync("Dairy", "dairy");
        foreach (var path in SitePages.Member.Where(p => p != "/today"))
        {
            await page.GotoAsync(path);
            await found.AxeAndReflowAsync(page, path);
        }

        await today.GotoAsync();
        await today.Number("Sleep").FillAsync("25");
        await today.SaveAsync();
        await Expect(today.Errors).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "/today (errors)");

        found.AssertNone();
    }
}

public sealed class AccessibilityOnPhoneTests(BrowserFixture app) : AccessibilityTests(app, Screen.Phone), IClassFixture<BrowserFixture>;

public sealed class AccessibilityOnDesktopTests(BrowserFixture app) : AccessibilityTests(app, Screen.Desktop), IClassFixture<BrowserFixture>;

/// <summary>
/// Issue 12's pages (Today, History with its month calendar, More) at phone and laptop size in light and dark: one
/// member with a day in every skin band, one context per size and scheme, every page in each.
/// </summary>
public sealed class PhonePagesAccessibilityTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TodayHistoryAndMore_HaveNoSeriousAxeViolationAndNoSidewaysScroll_OnPhoneAndLaptop_InLightAndDark()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var member = await app.MemberAsync("a day in every skin band", page => new DataPage(page).ImportAsync(EveryBand(lastMonth, today)));
        var paths = new[] { "/today", "/more", "/history", $"/history?month={lastMonth:yyyy-MM}" };
        var found = new Findings("Today, History and More");

        foreach (var (screen, colorScheme) in new[] { (Screen.Phone, ColorScheme.Light), (Screen.Phone, ColorScheme.Dark), (Screen.Laptop, ColorScheme.Light), (Screen.Laptop, ColorScheme.Dark) })
        {
            await using var context = await app.NewContextAsync(screen, colorScheme, member);
            await Findings.LoadAxeAsync(context);
            var page = await context.NewPageAsync();
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await found.AxeAndReflowAsync(page, $"{screen}, {colorScheme}, {path}");
            }

            // Last month's calendar, the last page, has a day in every band: axe judged every band's colours.
            var bands = await new HistoryPage(page).Calendar.Locator("a[data-band]").EvaluateAllAsync<string[]>("days => days.map(d => d.dataset.band)");
            Assert.Superset(new HashSet<string>(["calm", "mild", "moderate", "severe", "noscore", "missing"]), bands.ToHashSet());
        }

        found.AssertNone();
    }

    /// <summary>Last month from its 3rd day: calm, mild, moderate and severe redness, a day of bloating alone (no skin score), then a gap; and today.</summary>
    private static string EveryBand(DateOnly lastMonth, DateOnly today)
    {
        var csv = new StringBuilder("date,item,value\n");
        foreach (var (offset, item, value) in new[] { (2, "redness", 1), (3, "redness", 4), (4, "redness", 6), (5, "redness", 9), (6, "bloating", 3), (8, "redness", 2), (9, "redness", 5) })
        {
            csv.Append(CultureInfo.InvariantCulture, $"{lastMonth.AddDays(offset):yyyy-MM-dd},{item},{value}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd},redness,3\n{today:yyyy-MM-dd},bloating,2\n");
        return csv.ToString();
    }
}

/// <summary>The page checks find what they must: a check that cannot fail would pass every page above.</summary>
public sealed class FindingsTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheChecks_CatchAPlantedAxeViolationAndASidewaysScroll()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var found = await Findings.ForAsync(context, "planted");
        await found.AxeAndReflowAsync(page, "/ as served");
        found.AssertNone();

        // Built with the DOM, as the Content-Security-Policy refuses inline style attributes.
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.append(document.createElement('img'));
              const faint = document.createElement('p');
              faint.textContent = 'Faint text';
              faint.style.color = '#bbb';
              faint.style.background = '#fff';
              const wide = document.createElement('div');
              wide.textContent = 'Wide';
              wide.style.width = '2000px';
              main.append(faint, wide);
            }
            """);
        await found.AxeAndReflowAsync(page, "/ planted");
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(found.AssertNone);
        Assert.Contains("/ planted: image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/ planted: color-contrast (serious)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/ planted: the page is ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/ as served", failure.Message, StringComparison.Ordinal);
    }
}
