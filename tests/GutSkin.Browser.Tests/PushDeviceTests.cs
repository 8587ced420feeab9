using System.Text.Json;
using GutSkin.Browser.Tests.Pages;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>
/// "Reminders on this device" on the Plan page, in Chromium, up to the subscription the page sends to the server.
/// There is no internet here, so Chromium's own push service (which makes the real subscription) cannot be reached
/// and a real <c>pushManager.subscribe()</c> fails. The test therefore grants the notification permission and
/// replaces <c>PushManager.prototype.subscribe</c> and <c>getSubscription</c> with ones that answer a subscription
/// whose keys are a real P-256 pair made here; everything else runs as in a browser: the page's script, the service
/// worker registration, the permission, the API calls with the login cookie. The server side of push, from the
/// stored subscription to a decrypted message, is tested against a push service in GutSkin.Web.Tests (Push).
/// </summary>
public sealed class PushDeviceTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TurningRemindersOnThisDevice_StoresExactlyItsSubscription_TurningThemOffOrLoggingOut_RemovesIt()
    {
        using var device = new TestDevice($"https://push.example.test/send/{Guid.NewGuid():N}");
        // The full Chromium: the headless shell the other tests share answers "denied" to every notification permission.
        var profile = Directory.CreateTempSubdirectory("gutskin-push-");
        await using var context = await app.NewProfileContextAsync(profile.FullName, Screen.Phone);
        await context.GrantPermissionsAsync(["notifications"], new() { Origin = app.Origin });
        await context.AddInitScriptAsync(FakePushManager(device));
        var page = await context.NewPageAsync();
        var email = await new RegisterPage(page, app.MailFolder).RegisterAsync();

        await page.GotoAsync("/plan");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Reminders on this device" });
        await Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminders are off for this device.");
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on reminders on this device" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminders are on for this device.");

        // Subscribed as the Push API asks, with the site's VAPID key, and stored as the browser gave it.
        var asked = JsonDocument.Parse(await page.EvaluateAsync<string>("() => localStorage.getItem('test-push-subscription')")).RootElement;
        Assert.True(asked.GetProperty("userVisibleOnly").GetBoolean());
        var stored = Assert.Single(Subscriptions(email));
        Assert.Equal((device.Endpoint, device.P256dh, device.Auth), (stored.Endpoint, stored.P256dh, stored.Auth));
        Assert.Equal(VapidPublicKey(), asked.GetProperty("applicationServerKey").GetString());

        // The page knows this device is on after a reload, then turns it off: gone on the server and in the browser.
        await page.ReloadAsync();
        await Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminders are on for this device.");
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn off reminders on this device" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminders are off for this device.");
        Assert.Empty(Subscriptions(email));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('test-push-subscription')"));
        await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Turn on reminders on this device" })).ToBeVisibleAsync();

        // On again, then log out: a shared device stops getting this member's reminders.
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on reminders on this device" }).ClickAsync();
        await Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reminders are on for this device.");
        Assert.Single(Subscriptions(email));
        await page.GotoAsync("/more");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Empty(Subscriptions(email));
        await context.CloseAsync();
        profile.Delete(recursive: true);
    }

    /// <summary>
    /// subscribe() and getSubscription() answering one subscription with the device's endpoint and keys, kept in
    /// localStorage (so a reload still has it) together with the options subscribe() was called with.
    /// </summary>
    private static string FakePushManager(TestDevice device) => $$"""
        (() => {
          const KEY = 'test-push-subscription';
          const device = { endpoint: {{JsonSerializer.Serialize(device.Endpoint)}}, p256dh: {{JsonSerializer.Serialize(device.P256dh)}}, auth: {{JsonSerializer.Serialize(device.Auth)}} };
          const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          const subscription = () => ({
            endpoint: device.endpoint,
            expirationTime: null,
            toJSON: () => ({ endpoint: device.endpoint, expirationTime: null, keys: { p256dh: device.p256dh, auth: device.auth } }),
            unsubscribe: async () => { localStorage.removeItem(KEY); return true; },
          });
          PushManager.prototype.subscribe = async function (options) {
            localStorage.setItem(KEY, JSON.stringify({ userVisibleOnly: options.userVisibleOnly === true, applicationServerKey: base64url(new Uint8Array(options.applicationServerKey)) }));
            return subscription();
          };
          PushManager.prototype.getSubscription = async function () {
            return localStorage.getItem(KEY) ? subscription() : null;
          };
        })();
        """;

    private List<GutSkin.Web.Features.Push.MemberPushSubscription> Subscriptions(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GutSkinDb>();
        return [.. db.PushSubscriptions.AsNoTracking().Where(s => s.User!.Email == email)];
    }

    private string VapidPublicKey()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<GutSkinDb>().VapidKeys.AsNoTracking().Single().PublicKey;
    }
}
