using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>GutSkin as an installed app: Chromium finds nothing against installing it, and its service worker runs the page.</summary>
public sealed class InstallableAppTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Today_IsInstallable_ChromiumReportsNoInstallabilityErrors()
    {
        var profile = Directory.CreateTempSubdirectory("gutskin-profile-");
        try
        {
            await using var context = await app.NewProfileContextAsync(profile.FullName);
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            await new RegisterPage(page, app.MailFolder).RegisterAsync();
            await WaitForControlAsync(page);

            var cdp = await context.NewCDPSessionAsync(page);
            var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
            var errors = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value;

            Assert.Equal($"{app.Origin}/manifest.webmanifest", manifest.GetProperty("url").GetString());
            Assert.Empty(manifest.GetProperty("errors").EnumerateArray());
            var parsed = manifest.GetProperty("manifest");
            Assert.Equal($"{app.Origin}/today", parsed.GetProperty("startUrl").GetString());
            Assert.Equal("kStandalone", parsed.GetProperty("display").GetString());
            var installability = errors.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ToList();
            Assert.True(installability.Count == 0, $"Chromium will not install /today: {string.Join(", ", installability)}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ServiceWorker_ControlsThePage_KeepsOnlyTheShell_AndAnswersOfflineWithTheOfflinePage()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        await WaitForControlAsync(page);
        Assert.Equal("/sw.js", await page.EvaluateAsync<string>("() => new URL(navigator.serviceWorker.controller.scriptURL).pathname"));
        Assert.Equal("/", await page.EvaluateAsync<string>("async () => new URL((await navigator.serviceWorker.ready).scope).pathname"));

        // One versioned cache, holding the app shell and the offline page, the same for everyone; the member's own pages
        // (Today, its last days, History) only ever in "gutskin-pages", which log-out deletes.
        var caches = await page.EvaluateAsync<string[]>("() => caches.keys()");
        var cache = Assert.Single(caches, name => name != "gutskin-pages");
        Assert.Matches("^gutskin-v[0-9]+$", cache);
        Assert.Empty(caches.Except([cache, "gutskin-pages"]));
        var pages = await page.EvaluateAsync<string[]>("async () => (await (await caches.open('gutskin-pages')).keys()).map(r => new URL(r.url).pathname)");
        Assert.All(pages, path => Assert.Matches("^(/__owner|/today(/[0-9]{4}-[0-9]{2}-[0-9]{2})?|/history)$", path));
        var kept = await page.EvaluateAsync<string[]>($"async () => (await (await caches.open('{cache}')).keys()).map(r => new URL(r.url).pathname + new URL(r.url).search)");
        Assert.Contains("/offline", kept);
        Assert.Contains(kept, k => k.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        Assert.Contains(kept, k => k.StartsWith("/js/site.js?v=", StringComparison.Ordinal));
        Assert.Contains("/icons/maskable-512.png", kept);
        var personal = kept.Where(k => k != "/offline" && !k.StartsWith("/css/", StringComparison.Ordinal) && !k.StartsWith("/js/", StringComparison.Ordinal)
            && !k.StartsWith("/icons/", StringComparison.Ordinal) && k is not "/favicon.svg" and not "/manifest.webmanifest").ToList();
        Assert.True(personal.Count == 0, $"Cached besides the shell: {string.Join(", ", personal)}");

        // Offline, a page comes from nowhere but the worker: the offline page, styled from the cache, with no member's menu.
        await GoOfflineAsync(context, offline: true);
        foreach (var path in new[] { "/insights", "/experiments" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are offline", Level = 1 })).ToBeVisibleAsync();
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);
            // site.css from the cache: the "Try again" link is a green button, not a plain link.
            var background = await page.GetByRole(AriaRole.Link, new() { Name = "Try again" }).EvaluateAsync<string>("a => getComputedStyle(a).backgroundColor");
            Assert.Equal("rgb(47, 111, 87)", background);
        }

        // Back online, "Try again" opens the page that was asked for.
        await GoOfflineAsync(context, offline: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Try again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        Assert.Equal("/experiments", new Uri(page.Url).AbsolutePath);
    }

    /// <summary>Waits until the service worker has taken the page over (it claims open pages when it activates).</summary>
    private static async Task WaitForControlAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

    /// <summary>The context's network, the service worker's own requests included.</summary>
    private static async Task GoOfflineAsync(IBrowserContext context, bool offline) => await context.SetOfflineAsync(offline);
}
