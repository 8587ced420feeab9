using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>
/// The site menu: a bottom tab bar on a phone that reaches every page in at most two taps and never covers the
/// page, and a header that stays one line on a laptop, admin links included.
/// </summary>
public sealed class SiteMenuTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string AdminPassword = "an admin password for the menu";

    private static readonly string[] Tabs = ["Today", "History", "Insights", "Experiments", "More"];

    /// <summary>Pages a member opens besides those in <see cref="SitePages.Member"/>.</summary>
    private static readonly string[] MoreMemberPages = ["/report", "/blog", "/self-check"];

    [Fact]
    public async Task OnAPhone_TheTabBarReachesEveryPageInAtMostTwoTaps()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        await new ItemsPage(page).AddAsync("Kombucha", "kombucha");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        // The tab bar is the same on every page, pinned to the bottom of the screen, with the page's tab marked
        // (the printable report has a link back instead).
        var pages = SitePages.Member.Concat(MoreMemberPages).ToList();
        foreach (var path in pages.Where(p => p != "/report"))
        {
            await page.GotoAsync(path);
            var visible = await VisibleLinksAsync(menu);
            Assert.True(visible.SequenceEqual(Tabs), $"{path} ({await page.TitleAsync()}): the menu shows {string.Join(", ", visible)}");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] == widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen.");
            var box = await menu.BoundingBoxAsync();
            Assert.True(box is not null && Math.Abs(box.Y + box.Height - 844) < 1, $"{path}: the tab bar is not at the bottom of the screen ({box?.Y}+{box?.Height}).");
            var tab = Tabs.FirstOrDefault(t => path.StartsWith("/" + t.ToLowerInvariant(), StringComparison.Ordinal));
            if (tab is not null)
            {
                await Expect(menu.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            }
            else if (path != "/")
            {
                // Pages behind More mark the More tab.
                await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "More", Exact = true })).ToHaveClassAsync("is-active");
            }
        }

        // One tap: a tab or the brand (home). Two taps: a link on /more or on a tab's page.
        var reachable = new HashSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var tab in Tabs)
        {
            await page.GotoAsync("/today");
            await menu.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
            reachable.Add(new Uri(page.Url).AbsolutePath);
            foreach (var href in await page.Locator("main a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                reachable.Add(href.Split('?')[0]);
            }
        }

        // Confirming it is you is where a guarded action sends the member, not a place to go to; every comparison is
        // linked from Insights once something has been compared (this member has no journal yet).
        var missing = pages.Where(p => !reachable.Contains(p) && p is not "/account/confirm-it-is-you" and not "/insights/comparisons").ToList();
        Assert.True(missing.Count == 0, $"More than two taps away on a phone: {string.Join(", ", missing)}");

        // Log out is on /more too: two taps.
        await page.GotoAsync("/today");
        await menu.GetByRole(AriaRole.Link, new() { Name = "More", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "More", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhone_TheTabBarNeverCoversThePageAndShowsKeyboardFocus()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var path in new[] { "/more", "/plan", "/items" })
        {
            await page.GotoAsync(path);
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            var footer = await page.Locator("footer").BoundingBoxAsync();
            var bar = await menu.BoundingBoxAsync();
            Assert.True(footer!.Y + footer.Height <= bar!.Y + 0.5, $"{path}: the tab bar (top {bar.Y}) covers the end of the page ({footer.Y + footer.Height}).");
        }

        // Today's sticky Save sits above the bar, not under it.
        await new TodayPage(page).GotoAsync();
        var save = await new TodayPage(page).SaveButton.BoundingBoxAsync();
        var tabBar = await menu.BoundingBoxAsync();
        Assert.True(save!.Y + save.Height <= tabBar!.Y + 0.5, $"Save (bottom {save.Y + save.Height}) is under the tab bar (top {tabBar.Y}).");

        // Keyboard focus on a tab is visible.
        await page.Locator(".brand").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>("() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.textContent.trim(), s.outlineStyle, s.outlineWidth]; }");
        Assert.Equal("Today", focused[0]);
        Assert.NotEqual("none", focused[1]);
        Assert.True(double.Parse(focused[2].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2, $"Focus outline {focused[2]}");
    }

    [Theory]
    [InlineData(Screen.Laptop)]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Tablet)]
    public async Task TheHeader_StaysOneLine_AdminLinksIncluded(Screen screen)
    {
        var admin = await app.AddAdminAsync(AdminPassword);
        await using var context = await app.NewContextAsync(screen);
        var page = await context.NewPageAsync();
        await new LoginPage(page).SubmitAsync(admin, AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var path in new[] { "/", "/today", "/admin/articles", "/more" })
        {
            await page.GotoAsync(path);
            var links = await VisibleLinksAsync(menu);
            if (screen == Screen.Tablet)
            {
                // Tablets: the tabs and More; the rest is on /more.
                Assert.Equal(Tabs, links);
            }
            else
            {
                Assert.Equal(["Today", "History", "Insights", "Experiments", "Plan", "Items", "Import & export", "Blog", "Moderation", "Articles", "Account", "More", "Log out"], links);
            }

            // One line: every item on one row (each starts above where every other ends), and the header no taller
            // than that row or its 3.5rem.
            var row = await menu.Locator("li").EvaluateAllAsync<double[]>("items => { const boxes = items.filter(i => i.checkVisibility()).map(i => i.getBoundingClientRect()); return [Math.max(...boxes.map(b => b.top)), Math.min(...boxes.map(b => b.bottom))]; }");
            Assert.True(row[0] < row[1], $"{screen} {path}: the menu wraps (an item starts at {row[0]}, another ends at {row[1]}).");
            var heights = await page.EvaluateAsync<double[]>("() => [document.querySelector('.site-header__inner').getBoundingClientRect().height, Math.max(...[...document.querySelectorAll('.site-header li')].filter(i => i.checkVisibility()).map(i => i.getBoundingClientRect().height)), parseFloat(getComputedStyle(document.documentElement).fontSize) * 3.5]");
            Assert.True(heights[0] <= Math.Max(heights[1], heights[2]) + 0.5, $"{screen} {path}: the header is {heights[0]} px high for items {heights[1]} px high.");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.Equal(widths[1], widths[0]);
        }

        // What the header leaves out (the report, the self-check, comment settings) is on /more: two clicks.
        await menu.GetByRole(AriaRole.Link, new() { Name = "More", Exact = true }).ClickAsync();
        foreach (var href in new[] { "/report", "/self-check", "/admin/comments", "/moderation", "/admin/articles", "/plan" })
        {
            await Expect(page.Locator($"main a[href='{href}']")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task OnAPhone_AVisitorGetsTheHeaderLinksAndNoTabBar()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        Assert.Equal(["Blog", "Log in", "Create account"], await VisibleLinksAsync(menu));
        var box = await menu.BoundingBoxAsync();
        Assert.True(box!.Y < 100, $"The visitor's menu is at {box.Y}, not in the header.");
        Assert.Equal(0, await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).paddingBottom)"));
    }

    private static async Task<string[]> VisibleLinksAsync(ILocator menu) =>
        await menu.Locator("a, button").EvaluateAllAsync<string[]>("items => items.filter(i => i.checkVisibility()).map(i => i.textContent.trim())");
}
