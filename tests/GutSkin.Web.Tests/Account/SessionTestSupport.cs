using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Tests.Articles;
using MimeKit;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>A member's bearer token and refresh token from /api/auth/login.</summary>
public sealed record Tokens(string AccessToken, string RefreshToken);

/// <summary>
/// An authenticator set up at <paramref name="At"/> (real time, as the codes are): <see cref="Code"/> gives the code
/// of a step relative to it, so a test uses each code once whatever the clock does meanwhile (Identity accepts two
/// steps either side of now, and each code only once).
/// </summary>
public sealed record TwoFactorSetup(string Key, DateTimeOffset At, string[] RecoveryCodes)
{
    public string Code(int steps) => Totp.Code(Key, At.AddSeconds(30 * steps));
}

/// <summary>Set-ups and looks shared by the tests of server-side sessions, recent authentication and e-mail changes.</summary>
public static class SessionTestSupport
{
    /// <summary>Past the 10 minutes of a recent authentication: what a thief holding a copied cookie or token sees.</summary>
    public static readonly TimeSpan LaterThanRecent = RecentAuthentication.Window + TimeSpan.FromMinutes(1);

    public static async Task<Tokens> BearerLogInAsync(this GutSkinFactory factory, string email, string password = Password, string? twoFactorCode = null, string? recoveryCode = null)
    {
        var login = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode, twoFactorRecoveryCode = recoveryCode }));
        return new Tokens(login.GetProperty("accessToken").GetString()!, login.GetProperty("refreshToken").GetString()!);
    }

    public static HttpClient BearerClient(this GutSkinFactory factory, Tokens tokens)
    {
        var client = factory.CreateClient();
        client.UseBearer(tokens.AccessToken);
        return client;
    }

    /// <summary>A login cookie from /api/auth/login?useCookies=true, as the value of a Cookie header (for replaying it later).</summary>
    public static async Task<string> LoginCookieAsync(this GutSkinFactory factory, string email, string password = Password, string? twoFactorCode = null)
    {
        using var client = factory.CreateClient(new() { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password, twoFactorCode });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return AuthCookie(login) ?? throw new InvalidOperationException("no login cookie");
    }

    /// <summary>The gutskin.auth cookie a response sets, as name=value; null when it sets none.</summary>
    public static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal))?.Split(';')[0]
            : null;

    /// <summary>What a request carrying exactly this Cookie header gets at a personal API endpoint and at a page.</summary>
    public static async Task<(HttpStatusCode Api, HttpStatusCode Page, string? PageLocation)> ReplayAsync(this GutSkinFactory factory, string cookie)
    {
        using var raw = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/account/profile") { Headers = { { "Cookie", cookie } } };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/today") { Headers = { { "Cookie", cookie } } };
        var apiResponse = await raw.SendAsync(api);
        var pageResponse = await raw.SendAsync(page);
        return (apiResponse.StatusCode, pageResponse.StatusCode, pageResponse.Location());
    }

    /// <summary>A client that sends this Cookie header on every request (and keeps no other).</summary>
    public static HttpClient CookieReplayer(this GutSkinFactory factory, string cookie)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static Task<HttpResponseMessage> RefreshAsync(this GutSkinFactory factory, string refreshToken) =>
        factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    /// <summary>Every mail sent to <paramref name="email"/> so far, oldest first.</summary>
    public static List<MimeMessage> MailsTo(this GutSkinFactory factory, string email) =>
        !Directory.Exists(factory.MailFolder)
            ? []
            : [.. Directory.GetFiles(factory.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// Turns two-factor sign-in on through /api/auth/manage/2fa (right after log-in, so recently authenticated) with
    /// the code of the current 30-second step. Each change renews the security stamp: a cookie client is given a new
    /// cookie, a bearer token would stop working halfway.
    /// </summary>
    public static async Task<TwoFactorSetup> EnableTwoFactorAsync(this HttpClient member)
    {
        var setup = await ReadJsonAsync(await member.PostAsJsonAsync("/api/auth/manage/2fa", new { }));
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.False(string.IsNullOrEmpty(key));
        var at = DateTimeOffset.UtcNow;
        var on = await ReadJsonAsync(await member.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key, at) }));
        Assert.True(on.GetProperty("isTwoFactorEnabled").GetBoolean());
        return new TwoFactorSetup(key, at, [.. on.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    public static async Task<JsonElement> AssertReauthenticationRequiredAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(RecentAuthentication.RequiredTitle, problem.GetProperty("title").GetString());
        return problem;
    }

    /// <summary>A browser signed in through the log-in form, ticking "keep me signed in" or not; answers the log-in response too.</summary>
    public static async Task<(HttpClient Browser, HttpResponseMessage Response)> FormLogInAsync(this GutSkinFactory factory, string email, bool keepSignedIn)
    {
        var browser = factory.Browser();
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password };
        if (keepSignedIn)
        {
            fields["Input.RememberMe"] = "true";
        }

        var response = await browser.SendFormAsync("/account/login", fields);
        Assert.Equal("/", response.Location());
        return (browser, response);
    }
}
