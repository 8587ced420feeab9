using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>Two-factor sign-in with an authenticator app, on the account pages and on /api/auth/login, with codes computed from the key the page shows.</summary>
public sealed partial class TwoFactorTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private sealed record TwoFactorMember(string Email, string Key, string SetupCode, string[] RecoveryCodes, HttpClient Browser);

    /// <summary>A member who started setting up an app (the key is shown) but has not turned two-factor sign-in on.</summary>
    private sealed record SettingUp(string Email, string Key, HttpClient Browser);

    /// <summary>A new member who turned two-factor sign-in on through the pages; their browser stays signed in.</summary>
    private async Task<TwoFactorMember> EnabledMemberAsync()
    {
        var member = await factory.MemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email);
        var (key, setupCode, codes) = await EnableAsync(browser);
        return new TwoFactorMember(member.Email, key, setupCode, codes, browser);
    }

    private static async Task<string> StartSetupAsync(HttpClient browser)
    {
        var start = await browser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=Setup");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/account/two-factor/setup", start.Location());
        return await browser.GetStringAsync("/account/two-factor/setup");
    }

    private static async Task<(string Key, string SetupCode, string[] Codes)> EnableAsync(HttpClient browser)
    {
        var key = SharedKey(await StartSetupAsync(browser));
        var setupCode = Totp.Code(key);
        var confirm = await browser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = setupCode });
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/account/two-factor", confirm.Location());
        var codes = RecoveryCodes(await browser.GetStringAsync("/account/two-factor"));
        Assert.Equal(10, codes.Length);
        return (key, setupCode, codes);
    }

    private static string SharedKey(string setupPage) =>
        WebUtility.HtmlDecode(SharedKeyPattern().Match(setupPage).Groups[1].Value);

    private static string[] RecoveryCodes(string page) =>
        [.. RecoveryCodePattern().Matches(page).Select(m => m.Groups[1].Value)];

    private bool TwoFactorEnabled(string email) => factory.WithDb(db => db.Users.Single(u => u.Email == email).TwoFactorEnabled);

    [Fact]
    public async Task SetupPage_ShowsTheKeyInGroupsOfFour_AndAQrCodeDrawnOnTheServer()
    {
        var member = await factory.MemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email);

        var page = await StartSetupAsync(browser);

        var key = SharedKey(page);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Equal(20, Totp.Base32(key).Length);
        var qr = Regex.Match(page, "<div class=\"qr\" role=\"img\" aria-label=\"[^\"]+\"><svg[^>]*>.*?</svg></div>", RegexOptions.Singleline);
        Assert.True(qr.Success, "no inline SVG QR code");
        Assert.DoesNotContain("<script", qr.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", qr.Value, StringComparison.OrdinalIgnoreCase);
        // Nothing on the page is fetched from elsewhere, and no script but the site's own.
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["/js/site.js", "/js/queue.js"], Regex.Matches(page, "<script[^>]*src=\"([^\"?]+)").Select(m => m.Groups[1].Value));
        Assert.False(TwoFactorEnabled(member.Email));
    }

    [Fact]
    public async Task Setup_WithAWrongCode_ShowsTheFormAgain_AndStaysOff()
    {
        var member = await factory.MemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email);
        var key = SharedKey(await StartSetupAsync(browser));
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-10));

        var response = await browser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = wrong });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code did not match", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(TwoFactorEnabled(member.Email));
    }

    [Fact]
    public async Task Enabling_ShowsTenRecoveryCodesOnce_AndTurnsItOn()
    {
        var member = await EnabledMemberAsync();

        Assert.True(TwoFactorEnabled(member.Email));
        Assert.All(member.RecoveryCodes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.Equal(10, member.RecoveryCodes.Distinct().Count());
        var again = await member.Browser.GetStringAsync("/account/two-factor", TestContext.Current.CancellationToken);
        Assert.Empty(RecoveryCodes(again));
        Assert.Contains("<strong>10</strong> unused recovery code(s)", again, StringComparison.Ordinal);
        // The browser that turned it on stays signed in.
        Assert.True(await member.Browser.IsSignedInAsync());
    }

    [Fact]
    public async Task LogInPage_AsksForTheCodeAfterThePassword_AndSignsInOnlyWithTheRightOne()
    {
        var member = await EnabledMemberAsync();
        var browser = factory.Browser();

        var password = await browser.LogInAsync(member.Email);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/login/two-factor", password.Location(), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());

        var wrong = await browser.SendFormAsync("/account/login/two-factor", new() { ["Code"] = Totp.Code(member.Key, DateTimeOffset.UtcNow.AddMinutes(-10)) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code did not match", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());

        var right = await browser.SendFormAsync("/account/login/two-factor", new() { ["Code"] = Totp.Later(member.Key, 1) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Location());
        Assert.True(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task CodeStep_WithoutThePasswordStep_GoesBackToLogIn()
    {
        var browser = factory.Browser();

        var page = await browser.GetAsync("/account/login/two-factor", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Location(), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task RememberThisDevice_SkipsTheCodeNextTime_OnThatBrowserOnly()
    {
        var member = await EnabledMemberAsync();
        var remembered = factory.Browser();
        await remembered.LogInAsync(member.Email);
        var signedIn = await remembered.SendFormAsync("/account/login/two-factor", new() { ["Code"] = Totp.Later(member.Key, 1), ["RememberDevice"] = "true" });
        Assert.Equal("/", signedIn.Location());
        await remembered.SendFormAsync("/today", [], "/account/logout");
        Assert.False(await remembered.IsSignedInAsync());

        var again = await remembered.LogInAsync(member.Email);
        Assert.Equal("/", again.Location());
        Assert.True(await remembered.IsSignedInAsync());

        var other = await factory.Browser().LogInAsync(member.Email);
        Assert.StartsWith("/account/login/two-factor", other.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var member = await EnabledMemberAsync();
        var code = member.RecoveryCodes[3];

        var first = factory.Browser();
        await first.LogInAsync(member.Email);
        // Typed in lower case and without the hyphen: still the same code.
        var used = await first.SendFormAsync("/account/login/recovery-code", new() { ["RecoveryCode"] = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal("/", used.Location());
        Assert.True(await first.IsSignedInAsync());

        var second = factory.Browser();
        await second.LogInAsync(member.Email);
        var reused = await second.SendFormAsync("/account/login/recovery-code", new() { ["RecoveryCode"] = code });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not valid, or it was used already", await reused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await second.IsSignedInAsync());
        Assert.Contains("<strong>9</strong> unused", await first.GetStringAsync("/account/two-factor", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerLogIn_RequiresTheCodeOrARecoveryCode()
    {
        var member = await EnabledMemberAsync();
        var client = factory.CreateClient();

        var passwordOnly = await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        var json = await AssertProblemAsync(passwordOnly, HttpStatusCode.Unauthorized);
        Assert.Equal("RequiresTwoFactor", json.GetProperty("detail").GetString());
        var wrongCode = await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorCode = Totp.Code(member.Key, DateTimeOffset.UtcNow.AddMinutes(-10)) }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);

        var withCode = await ReadJsonAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorCode = Totp.Later(member.Key, 1) }, cancellationToken: TestContext.Current.CancellationToken));
        using var bearer = factory.CreateClient();
        bearer.UseBearer(withCode.GetProperty("accessToken").GetString()!);
        Assert.True(await bearer.IsSignedInAsync());

        var recovery = new { email = member.Email, password = Password, twoFactorRecoveryCode = member.RecoveryCodes[0] };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", recovery, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", recovery, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Disabling_LogInAsksForThePasswordOnly()
    {
        var member = await EnabledMemberAsync();

        var off = await member.Browser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(TwoFactorEnabled(member.Email));
        Assert.True(await member.Browser.IsSignedInAsync());
        Assert.Equal("/", (await factory.Browser().LogInAsync(member.Email)).Location());
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ResettingTheKey_TurnsItOffUntilTheNewKeyIsConfirmed_AndTheOldKeyNoLongerWorks()
    {
        var member = await EnabledMemberAsync();

        var reset = await member.Browser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=ResetKey");
        Assert.Equal("/account/two-factor/setup", reset.Location());
        Assert.False(TwoFactorEnabled(member.Email));
        var newKey = SharedKey(await member.Browser.GetStringAsync("/account/two-factor/setup", TestContext.Current.CancellationToken));
        Assert.NotEqual(member.Key, newKey);

        var withOldKey = await member.Browser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = Totp.Later(member.Key, 1) });
        Assert.Equal(HttpStatusCode.OK, withOldKey.StatusCode);
        Assert.False(TwoFactorEnabled(member.Email));
        var withNewKey = await member.Browser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = Totp.Code(newKey) });
        Assert.Equal("/account/two-factor", withNewKey.Location());
        Assert.True(TwoFactorEnabled(member.Email));

        var login = new { email = member.Email, password = Password, twoFactorCode = Totp.Later(member.Key, 2) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", login, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes()
    {
        var member = await EnabledMemberAsync();

        var made = await member.Browser.SendFormAsync("/account/two-factor", [], "/account/two-factor?handler=RecoveryCodes");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var fresh = RecoveryCodes(await member.Browser.GetStringAsync("/account/two-factor", TestContext.Current.CancellationToken));

        Assert.Equal(10, fresh.Length);
        Assert.Empty(fresh.Intersect(member.RecoveryCodes));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorRecoveryCode = member.RecoveryCodes[0] }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorRecoveryCode = fresh[0] }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task EachCode_SignsInOnce_EvenWhileItIsStillValid()
    {
        var member = await EnabledMemberAsync();
        var code = Totp.Later(member.Key, 1);
        var login = new { email = member.Email, password = Password, twoFactorCode = code };

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", login, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", login, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        var page = factory.Browser();
        await page.LogInAsync(member.Email);
        var replayed = await page.SendFormAsync("/account/login/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.False(await page.IsSignedInAsync());
        // The code that turned two-factor sign-in on was used too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorCode = member.SetupCode }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorCode = Totp.Later(member.Key, 2) }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>The app's current code in another spelling: each would be another, unused code if codes were parsed as numbers.</summary>
    private static string Respell(string code, string spelling) => spelling switch
    {
        "full-width digits" => new string(code.Select(c => (char)(c - '0' + '\uFF10')).ToArray()),
        "Arabic-Indic digits" => new string(code.Select(c => (char)(c - '0' + '\u0660')).ToArray()),
        _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, code),
    };

    [Theory]
    [InlineData("0{0}")]
    [InlineData("+{0}")]
    [InlineData(" {0}")]
    [InlineData("{0} ")]
    [InlineData("{0}\n")]
    [InlineData("00{0}")]
    [InlineData("full-width digits")]
    [InlineData("Arabic-Indic digits")]
    public async Task ACodeInAnotherSpelling_IsRefused_WhereverCodesAreChecked(string spelling)
    {
        var member = await factory.SharedAsync("two-factor member", EnabledMemberAsync);
        var setup = await factory.SharedAsync("member setting up", async () =>
        {
            var starting = await factory.MemberAsync();
            var browser = await factory.SignedInBrowserAsync(starting.Email);
            return new SettingUp(starting.Email, SharedKey(await StartSetupAsync(browser)), browser);
        });
        var variant = Respell(Totp.Code(member.Key), spelling);

        // /api/auth/login and /api/auth/manage/2fa: a 400 naming the field.
        await AssertProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password, twoFactorCode = variant }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "twoFactorCode");
        await AssertProblemAsync(await setup.Browser.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Respell(Totp.Code(setup.Key), spelling) }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "twoFactorCode");
        // The log-in page's code step and the set-up page: the form again, saying what a code is.
        var browser = factory.Browser();
        await browser.LogInAsync(member.Email);
        var step = await browser.SendFormAsync("/account/login/two-factor", new() { ["Code"] = variant });
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("6 digits your authenticator app shows, with nothing else", await step.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
        var enabling = await setup.Browser.SendFormAsync("/account/two-factor/setup", new() { ["Code"] = Respell(Totp.Code(setup.Key), spelling) });
        Assert.Equal(HttpStatusCode.OK, enabling.StatusCode);
        Assert.Contains("6 digits your authenticator app shows, with nothing else", await enabling.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(TwoFactorEnabled(setup.Email));
        // And the code provider itself, behind every one of them.
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(member.Email))!;
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, variant));
    }

    [Fact]
    public async Task TwoFactorPages_NeedASignedInMember()
    {
        var anonymous = factory.Browser();

        foreach (var path in new[] { "/account/two-factor", "/account/two-factor/setup", "/account/password" })
        {
            var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login?", response.Location(), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<code id=\"shared-key\">([^<]+)</code>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
