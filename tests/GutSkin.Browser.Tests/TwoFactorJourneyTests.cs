using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>A member turns on two-factor sign-in with a code computed from the key the page shows, logs out, and logs in with a code.</summary>
public sealed class TwoFactorJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MemberTurnsOnTwoFactor_LogsOut_AndLogsInWithACodeFromTheApp()
    {
        // Dark mode: the QR code keeps its white square, and the new pages pass axe there too.
        await using var context = await app.NewContextAsync(Screen.Phone, ColorScheme.Dark);
        var requests = Requests.Record(context);
        var page = await context.NewPageAsync();
        var found = await Findings.ForAsync(context, "Two-factor pages, phone, dark");
        var email = await new RegisterPage(page, app.MailFolder).RegisterAsync();

        await page.GotoAsync("/account/profile");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor sign-in with an authenticator app" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "It is off" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor/setup");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code with your GutSkin key for an authenticator app" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.Equal("rgb(255, 255, 255)", await qr.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var key = (await page.Locator("#shared-key").TextContentAsync())!;
        await found.AxeAsync(page, "/account/two-factor/setup");

        await page.GetByLabel("Code from your app").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await found.AxeAsync(page, "/account/two-factor (recovery codes)");

        // On a phone, Log out is under More (the tab bar keeps five tabs).
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "More", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First).ToBeVisibleAsync();
        var login = new LoginPage(page);
        await login.SubmitAsync(email, RegisterPage.Password);
        await page.WaitForURLAsync("**/account/login/two-factor**");
        await found.AxeAsync(page, "/account/login/two-factor");
        // Each code works once: the app's next one.
        await page.GetByLabel("Code from your app").FillAsync(Totp.Later(key, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await page.WaitForURLAsync(app.Origin + "/");
        await page.GotoAsync("/more");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await page.GotoAsync("/account/profile");
        await Expect(page.GetByText("Two-factor sign-in is on")).ToBeVisibleAsync();
        found.AssertNone();
        Requests.AssertAllTo(app.Origin, requests);
    }
}
