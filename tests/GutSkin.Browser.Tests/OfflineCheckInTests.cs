using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>
/// The journal without a connection, in Chromium with the context set offline: Today, an earlier day and History open
/// from the service worker; days saved offline wait on the device and are sent when the connection returns, with
/// If-Match; a day changed elsewhere meanwhile shows both versions item by item; log-out forgets the device's copy.
/// </summary>
public sealed class OfflineCheckInTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OfflineDays_WaitOnTheDevice_SyncWhenOnline_AConflictIsSettledItemByItem_LogOutForgetsThem()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var earlier = Text(today.AddDays(-2));
        // Another device of the member's (here: a plain client with the same login cookie), which goes on writing while the phone is offline.
        using var laptop = await OtherDeviceAsync(context);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(laptop, earlier, """{"values":{"redness":2,"bloating":1}}""")).StatusCode);

        // Online once: the service worker takes the page, keeps Today, the seven days before it and History.
        await page.GotoAsync("/today");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync(
            $"async () => !!(await caches.match('/today/{earlier}', {{ cacheName: 'gutskin-pages' }})) && !!(await caches.match('/history', {{ cacheName: 'gutskin-pages' }}))");

        await context.SetOfflineAsync(true);
        await page.GotoAsync("/history");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("History");
        var day = new TodayPage(page);
        await day.GotoAsync(today.AddDays(-2));
        await Expect(day.Option("Redness / rosacea", "2")).ToBeCheckedAsync();
        await day.PickAsync("Redness / rosacea", "5");
        await day.PickAsync("Itch", "3");
        await day.SaveButton.ClickAsync();
        await Expect(page.Locator("[data-sync-status]")).ToContainTextAsync("waiting to send");
        await day.GotoAsync();
        await day.PickAsync("Breakouts / acne", "4");
        await day.SaveButton.ClickAsync();
        await Expect(page.Locator("[data-sync-status]")).ToContainTextAsync("waiting to send");
        await Expect(page.Locator("[data-queue-banner]")).ToContainTextAsync("2 days saved on this device are waiting to send");

        // Meanwhile the laptop changes the earlier day.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(laptop, earlier, """{"values":{"redness":7,"bloating":1},"note":"from the laptop"}""")).StatusCode);

        await context.SetOfflineAsync(false);
        // Today was empty on the server: sent as it is. The earlier day changed: nothing is written over it.
        await Expect(page.Locator("[data-sync-status]")).ToContainTextAsync("is saved");
        Assert.Equal(new Dictionary<string, double> { ["breakouts"] = 4 }, await ValuesAsync(laptop, Text(today)));
        await Expect(page.Locator("[data-queue-banner]")).ToContainTextAsync("choose what to keep");
        Assert.Equal(7, (await ValuesAsync(laptop, earlier))["redness"]);

        await page.Locator("[data-queue-banner]").GetByRole(AriaRole.Link, new() { Name = earlier }).ClickAsync();
        var conflict = page.Locator("[data-conflict]");
        await Expect(conflict).ToContainTextAsync("changed on another device");
        // Only what differs is asked: redness (5 here, 7 there), itch (3 here, none there) and the note; bloating is the same.
        await Expect(conflict.GetByRole(AriaRole.Group)).ToHaveCountAsync(3);
        await Expect(conflict.GetByRole(AriaRole.Group, new() { Name = "Bloating" })).ToHaveCountAsync(0);
        await conflict.GetByRole(AriaRole.Group, new() { Name = "Redness / rosacea" }).GetByLabel("On the server: 7").CheckAsync();
        await Expect(conflict.GetByRole(AriaRole.Group, new() { Name = "Itch" }).GetByLabel("Saved on this device: 3")).ToBeCheckedAsync();
        await conflict.GetByRole(AriaRole.Group, new() { Name = "Note" }).GetByLabel("On the server: from the laptop").CheckAsync();
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep these" }).ClickAsync();

        await Expect(conflict).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-queue-banner]")).ToHaveCountAsync(0);
        Assert.Equal(new Dictionary<string, double> { ["redness"] = 7, ["bloating"] = 1, ["itch"] = 3 }, await ValuesAsync(laptop, earlier));
        using (var json = JsonDocument.Parse(await (await laptop.GetAsync($"/api/journal/{earlier}", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal("from the laptop", json.RootElement.GetProperty("note").GetString());
        }

        // Log-out forgets the device's copy: no kept pages, no queue; offline, Today is the offline page.
        await page.GotoAsync("/more");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.False(await page.EvaluateAsync<bool>("async () => (await caches.keys()).includes('gutskin-pages')"));
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => new Promise(done => { const r = indexedDB.open('gutskin', 1); r.onupgradeneeded = () => r.result.createObjectStore('days', { keyPath: ['member', 'date'] }); r.onsuccess = () => { const q = r.result.transaction('days').objectStore('days').count(); q.onsuccess = () => done(q.result); }; })"));
        // Clear-Site-Data also unregistered the worker: a new tab registers it afresh before going offline.
        await page.CloseAsync();
        var after = await context.NewPageAsync();
        await after.GotoAsync("/");
        await after.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await after.ReloadAsync();
        await after.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await context.SetOfflineAsync(true);
        await after.GotoAsync($"/today/{earlier}");
        await Expect(after.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are offline");
        await context.SetOfflineAsync(false);
    }

    [Fact]
    public async Task KeptPages_OpenFromTheDevice_ReloadWhenTheServerChanged_AndAStaleFormIsNotWrittenOver()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var today = Text(DateOnly.FromDateTime(DateTime.UtcNow));
        using var laptop = await OtherDeviceAsync(context);
        await page.GotoAsync("/today");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("async () => !!(await caches.match('/today', { cacheName: 'gutskin-pages' }))");

        // With a fast server, Today comes from the server: nothing kept is shown.
        var answer = await page.GotoAsync("/today");
        Assert.True(answer!.FromServiceWorker);
        Assert.Null(await page.EvaluateAsync<string?>("() => document.documentElement.dataset.kept ?? null"));

        // The laptop logs the day and the server becomes slow (two seconds for the worker's fetch of Today): the phone
        // shows its kept copy, learns from the late answer that the day changed, and reloads to show it.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(laptop, today, """{"values":{"redness":6}}""")).StatusCode);
        var slowed = 0;
        await context.RouteAsync(url => new Uri(url).AbsolutePath == "/today", async route =>
        {
            Interlocked.Increment(ref slowed);
            await Task.Delay(2000);
            await route.ContinueAsync();
        });
        answer = await page.GotoAsync("/today");
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => document.documentElement.dataset.kept"));
        Assert.False(await page.Locator("input[name='Values[redness]'][value='6']").IsCheckedAsync());
        var day = new TodayPage(page);
        await Expect(day.Option("Redness / rosacea", "6")).ToBeCheckedAsync();
        Assert.True(slowed >= 2, $"the worker's fetches of Today were slowed {slowed} time(s)");
        await context.UnrouteAllAsync();

        // The laptop changes the day again while the phone's form is open: the phone's save is refused, item by item.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(laptop, today, """{"values":{"redness":2}}""")).StatusCode);
        await day.PickAsync("Itch", "3");
        await day.SaveButton.ClickAsync();
        await Expect(day.Errors).ToContainTextAsync("Nothing was saved: this day was saved elsewhere");
        await Expect(day.Item("Redness / rosacea")).ToContainTextAsync("Saved meanwhile: 2");
        await Expect(day.Item("Itch")).ToContainTextAsync("Saved meanwhile: not logged");
        Assert.Equal(new Dictionary<string, double> { ["redness"] = 2 }, await ValuesAsync(laptop, today));

        // Saving again keeps the phone's version; the page it lands on comes from the server, not from the kept copy.
        await day.SaveButton.ClickAsync();
        await Expect(day.Status).ToContainTextAsync("2 item(s) logged");
        Assert.Equal(new Dictionary<string, double> { ["redness"] = 6, ["itch"] = 3 }, await ValuesAsync(laptop, today));
        Assert.NotEqual("yes", await page.EvaluateAsync<string?>("() => document.documentElement.dataset.kept ?? null"));
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A plain HTTP client with the member's login cookie, outside the browser (its network stays up).</summary>
    private async Task<HttpClient> OtherDeviceAsync(IBrowserContext context)
    {
        var cookies = await context.CookiesAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Origin) };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return client;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string date, string json) =>
        client.PutAsync($"/api/journal/{date}", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<Dictionary<string, double>> ValuesAsync(HttpClient client, string date)
    {
        var response = await client.GetAsync($"/api/journal/{date}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
