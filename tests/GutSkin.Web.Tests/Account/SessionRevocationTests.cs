using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Tests.Articles;
using MimeKit;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>
/// A new password, a password reset or a two-factor change signs out every other browser and voids every bearer
/// and refresh token issued before, on the very next request (the fake clock never moves, so no validation
/// interval is what does it); the session that made the change goes on.
/// </summary>
public sealed class SessionRevocationTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string NewPassword = "a brand new passphrase";

    /// <summary>One member signed in four ways: the browser that will make the change, another browser, a bearer token and its refresh token.</summary>
    private sealed record Sessions(string Email, HttpClient ThisBrowser, HttpClient OtherBrowser, HttpClient Bearer, string RefreshToken);

    private async Task<Sessions> SignedInEverywhereAsync()
    {
        var member = await factory.MemberAsync();
        var login = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }));
        var bearer = factory.CreateClient();
        bearer.UseBearer(login.GetProperty("accessToken").GetString()!);
        var sessions = new Sessions(member.Email, await factory.SignedInBrowserAsync(member.Email), await factory.SignedInBrowserAsync(member.Email), bearer, login.GetProperty("refreshToken").GetString()!);
        Assert.True(await sessions.ThisBrowser.IsSignedInAsync());
        Assert.True(await sessions.OtherBrowser.IsSignedInAsync());
        Assert.True(await sessions.Bearer.IsSignedInAsync());
        return sessions;
    }

    private async Task AssertOthersAreSignedOutAsync(Sessions sessions)
    {
        Assert.False(await sessions.OtherBrowser.IsSignedInAsync());
        var page = await sessions.OtherBrowser.GetAsync("/today");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Location(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sessions.Bearer.GetAsync("/api/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = sessions.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task NewPasswordOnThePage_SignsOutEveryOtherSessionAtOnce_AndKeepsThisOne()
    {
        var sessions = await SignedInEverywhereAsync();

        var changed = await sessions.ThisBrowser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/password?changed=True", changed.Location());
        Assert.True(await sessions.ThisBrowser.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.OK, (await sessions.ThisBrowser.GetAsync("/today", TestContext.Current.CancellationToken)).StatusCode);
        await AssertOthersAreSignedOutAsync(sessions);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = sessions.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = sessions.Email, password = NewPassword }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task NewPasswordPage_WrongCurrentPassword_SaysSoOnTheField_AndChangesNothing()
    {
        var sessions = await SignedInEverywhereAsync();

        var response = await sessions.ThisBrowser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = "not my password", ["NewPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is not your current password.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(await sessions.OtherBrowser.IsSignedInAsync());
        Assert.True(await sessions.Bearer.IsSignedInAsync());
    }

    [Fact]
    public async Task PasswordReset_SignsOutEverySession()
    {
        var sessions = await SignedInEverywhereAsync();
        var anonymous = factory.Browser();
        await anonymous.SendFormAsync("/account/forgot-password", new() { ["Email"] = sessions.Email });
        var link = new Uri(ResetLink(sessions.Email));

        var reset = await anonymous.SendFormAsync(link.PathAndQuery, new() { ["Password"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("passwordReset", reset.Location(), StringComparison.OrdinalIgnoreCase);
        Assert.False(await sessions.ThisBrowser.IsSignedInAsync());
        await AssertOthersAreSignedOutAsync(sessions);
    }

    [Fact]
    public async Task TurningOnTwoFactor_SignsOutEveryOtherSession_AndKeepsThisOne()
    {
        var sessions = await SignedInEverywhereAsync();

        await sessions.ThisBrowser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=Setup");
        var key = Regex.Match(await sessions.ThisBrowser.GetStringAsync("/account/two-factor/setup", TestContext.Current.CancellationToken), "<code id=\"shared-key\">([^<]+)</code>").Groups[1].Value;
        var on = await sessions.ThisBrowser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = Totp.Code(key) });

        Assert.Equal("/account/two-factor", on.Location());
        Assert.True(await sessions.ThisBrowser.IsSignedInAsync());
        await AssertOthersAreSignedOutAsync(sessions);
    }

    [Fact]
    public async Task RememberedDevice_AsksForTheCodeAgainAfterAPasswordChange()
    {
        var sessions = await SignedInEverywhereAsync();
        await sessions.ThisBrowser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=Setup");
        var key = Regex.Match(await sessions.ThisBrowser.GetStringAsync("/account/two-factor/setup", TestContext.Current.CancellationToken), "<code id=\"shared-key\">([^<]+)</code>").Groups[1].Value;
        await sessions.ThisBrowser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = Totp.Code(key) });
        var remembered = factory.Browser();
        await remembered.LogInAsync(sessions.Email);
        await remembered.SendFormAsync("/account/login/two-factor", new() { ["Code"] = Totp.Later(key, 1), ["RememberDevice"] = "true" });
        await remembered.SendFormAsync("/today", [], "/account/logout");
        Assert.Equal("/", (await remembered.LogInAsync(sessions.Email)).Location());
        await remembered.SendFormAsync("/today", [], "/account/logout");

        await sessions.ThisBrowser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });

        var again = await remembered.LogInAsync(sessions.Email, NewPassword);
        Assert.StartsWith("/account/login/two-factor", again.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewPasswordThroughTheApi_WithTheCookie_KeepsThatCookie_AndRevokesTheRest()
    {
        var sessions = await SignedInEverywhereAsync();

        var changed = await sessions.ThisBrowser.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Password, newPassword = NewPassword }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(await sessions.ThisBrowser.IsSignedInAsync());
        await AssertOthersAreSignedOutAsync(sessions);
    }

    [Fact]
    public async Task NewPasswordThroughTheApi_WithABearerToken_VoidsThatTokenToo_AndTheNewPasswordLogsIn()
    {
        var sessions = await SignedInEverywhereAsync();

        var changed = await sessions.Bearer.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Password, newPassword = NewPassword }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(await sessions.Bearer.IsSignedInAsync());
        Assert.False(await sessions.ThisBrowser.IsSignedInAsync());
        var login = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = sessions.Email, password = NewPassword }, cancellationToken: TestContext.Current.CancellationToken));
        using var fresh = factory.CreateClient();
        fresh.UseBearer(login.GetProperty("accessToken").GetString()!);
        Assert.True(await fresh.IsSignedInAsync());
    }

    [Fact]
    public async Task ErasedAccount_ItsTokenAndCookieStopAtOnce()
    {
        var sessions = await SignedInEverywhereAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await sessions.ThisBrowser.DeleteAsync("/api/account", TestContext.Current.CancellationToken)).StatusCode);

        await AssertOthersAreSignedOutAsync(sessions);
    }

    [Fact]
    public async Task StaticFiles_AreServedWithoutTheCheck_PagesAreNot()
    {
        var sessions = await SignedInEverywhereAsync();
        await sessions.ThisBrowser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });
        using var raw = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await OldCookieAsync(sessions.Email);

        // The same file for everyone: no database read, so the stale cookie is not even looked at.
        using var file = new HttpRequestMessage(HttpMethod.Get, "/css/site.css") { Headers = { { "Cookie", cookie } } };
        var fileResponse = await raw.SendAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fileResponse.StatusCode);
        Assert.False(fileResponse.Headers.Contains("Set-Cookie"));

        using var page = new HttpRequestMessage(HttpMethod.Get, "/today") { Headers = { { "Cookie", cookie } } };
        var pageResponse = await raw.SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, pageResponse.StatusCode);
        Assert.Contains(pageResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gutskin.auth=;", StringComparison.Ordinal));
    }

    /// <summary>A login cookie issued with the member's first password, as a Cookie header (the stamp changed since).</summary>
    private async Task<string> OldCookieAsync(string email)
    {
        using var client = factory.CreateClient(new() { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = NewPassword });
        var issued = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal)).Split(';')[0];
        // Revoke it by changing the password once more, back to the first one.
        using var changer = factory.CreateClient(new() { HandleCookies = false });
        changer.DefaultRequestHeaders.Add("Cookie", issued);
        Assert.Equal(HttpStatusCode.OK, (await changer.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = NewPassword, newPassword = Password })).StatusCode);
        return issued;
    }

    private string ResetLink(string email)
    {
        var mail = Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Subject?.Contains("Reset your GutSkin password", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(a => a.Address == email));
        return Regex.Match(mail.TextBody ?? "", @"http\S+/account/reset-password\S+").Value;
    }
}
