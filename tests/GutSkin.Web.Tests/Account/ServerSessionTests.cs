using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Tests.Articles;
using Microsoft.EntityFrameworkCore;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>
/// Sessions live on the server (issue 11, finding 10): log-out ends the session so a copied cookie stops working,
/// refresh tokens are good once and a reused one ends its whole chain, the devices page lists and ends sessions,
/// and the log-in form's "keep me signed in" decides whether the cookie outlives the browser.
/// </summary>
public sealed partial class ServerSessionTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private int LiveSessions(string userId) => factory.WithDb(db => db.AccountSessions.Count(s => s.UserId == userId && s.RevokedAt == null));

    [Fact]
    public async Task EverySignIn_StartsASessionOfItsOwn_AndItsCookieOrTokenCarriesIt()
    {
        var member = await factory.MemberAsync();
        var before = LiveSessions(member.Id);

        var page = await factory.SignedInBrowserAsync(member.Email);
        var cookie = await factory.LoginCookieAsync(member.Email);
        var tokens = await factory.BearerLogInAsync(member.Email);

        Assert.Equal(before + 3, LiveSessions(member.Id));
        using var bearer = factory.BearerClient(tokens);
        var sessionId = await CurrentSessionAsync(bearer);
        var row = factory.WithDb(db => db.AccountSessions.AsNoTracking().Single(s => s.Id == sessionId));
        Assert.Equal((member.Id, SessionKind.Token), (row.UserId, row.Kind));
        Assert.True(sessionId.Length >= 43, "a session id has at least 256 random bits");
        Assert.True(await page.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.OK, (await factory.ReplayAsync(cookie)).Api);
    }

    [Fact]
    public async Task LogOutPage_ThenTheOldCookieReplayed_IsSignedOut()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.LoginCookieAsync(member.Email);
        Assert.Equal(HttpStatusCode.OK, (await factory.ReplayAsync(cookie)).Api);

        var loggedOut = await LogOutWithAsync(cookie);

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        var (api, page, location) = await factory.ReplayAsync(cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, api);
        Assert.Equal(HttpStatusCode.Redirect, page);
        Assert.Contains("/account/login", location, StringComparison.Ordinal);
    }

    /// <summary>The header's log-out form, sent by a browser that carries exactly <paramref name="cookie"/> (and the antiforgery cookie the page sets).</summary>
    private async Task<HttpResponseMessage> LogOutWithAsync(string cookie)
    {
        using var raw = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/logout") { Headers = { { "Cookie", cookie } } };
        var page = await raw.SendAsync(get);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = ArticleTestSupport.Antiforgery(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Headers = { { "Cookie", $"{cookie}; {antiforgery}" } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        return await raw.SendAsync(post);
    }

    [Fact]
    public async Task ApiLogOut_EndsTheBearerToken_AndItsRefreshToken_AndNothingElse()
    {
        var member = await factory.MemberAsync();
        var tokens = await factory.BearerLogInAsync(member.Email);
        using var bearer = factory.BearerClient(tokens);

        Assert.Equal(HttpStatusCode.NoContent, (await bearer.PostAsync("/api/account/logout", null, TestContext.Current.CancellationToken)).StatusCode);

        Assert.False(await bearer.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RefreshAsync(tokens.RefreshToken)).StatusCode);
        // The member's other session (the registration's token) goes on.
        Assert.True(await member.Client.IsSignedInAsync());
    }

    [Fact]
    public async Task RefreshToken_RotatesOnEveryUse_AndTheNewOneWorks()
    {
        var member = await factory.MemberAsync();
        var first = await factory.BearerLogInAsync(member.Email);

        var second = await ReadJsonAsync(await factory.RefreshAsync(first.RefreshToken));
        var third = await ReadJsonAsync(await factory.RefreshAsync(second.GetProperty("refreshToken").GetString()!));

        Assert.NotEqual(first.RefreshToken, second.GetProperty("refreshToken").GetString());
        using var client = factory.BearerClient(new Tokens(third.GetProperty("accessToken").GetString()!, third.GetProperty("refreshToken").GetString()!));
        Assert.True(await client.IsSignedInAsync());
        // Refreshing continues the session: still one session for this log-in.
        var sessionIds = factory.WithDb(db => db.AccountSessions.Where(s => s.UserId == member.Id && s.Kind == SessionKind.Token && s.RevokedAt == null).Count());
        Assert.Equal(2, sessionIds);
    }

    [Fact]
    public async Task RefreshToken_UsedTwice_IsRefused_AndTheChainRotatedFromItDiesToo()
    {
        var member = await factory.MemberAsync();
        var stolen = await factory.BearerLogInAsync(member.Email);
        // The owner's app refreshes first: it now holds the newer pair.
        var owner = await ReadJsonAsync(await factory.RefreshAsync(stolen.RefreshToken));
        var ownerTokens = new Tokens(owner.GetProperty("accessToken").GetString()!, owner.GetProperty("refreshToken").GetString()!);
        using var ownerClient = factory.BearerClient(ownerTokens);
        Assert.True(await ownerClient.IsSignedInAsync());

        // The thief replays the copy of the first refresh token.
        var replay = await factory.RefreshAsync(stolen.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.False(await ownerClient.IsSignedInAsync());
        using var firstAccess = factory.BearerClient(stolen);
        Assert.False(await firstAccess.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RefreshAsync(ownerTokens.RefreshToken)).StatusCode);
        // Another session of the member is not part of that chain.
        Assert.True(await member.Client.IsSignedInAsync());
    }

    [Fact]
    public async Task DevicesPage_ListsTheSessions_AndSignsOutAnother_WhoseCookieStopsWorking()
    {
        var member = await factory.MemberAsync();
        var (mine, _) = await factory.FormLogInAsync(member.Email, keepSignedIn: true);
        var otherCookie = await factory.LoginCookieAsync(member.Email);
        var otherId = await SessionIdAsync(otherCookie);

        var page = await mine.GetStringAsync("/account/devices", TestContext.Current.CancellationToken);

        // Three sessions: this browser, the other one, and the registration's token; a button for each but this one.
        Assert.Contains("This device", page, StringComparison.Ordinal);
        Assert.Equal(2, SessionForms().Count(page));
        Assert.Contains($"value=\"{otherId}\"", page, StringComparison.Ordinal);
        var signedOut = await mine.SendFormAsync("/account/devices", new() { ["id"] = otherId }, "/account/devices?handler=SignOut");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ReplayAsync(otherCookie)).Api);
        Assert.True(await mine.IsSignedInAsync());
        Assert.True(await member.Client.IsSignedInAsync());
        Assert.DoesNotContain($"value=\"{otherId}\"", await mine.GetStringAsync("/account/devices", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevicesPage_SignsOutEveryOtherSession_AndKeepsThisOne()
    {
        var member = await factory.MemberAsync();
        var (mine, _) = await factory.FormLogInAsync(member.Email, keepSignedIn: false);
        var otherCookie = await factory.LoginCookieAsync(member.Email);
        var tokens = await factory.BearerLogInAsync(member.Email);

        var response = await mine.SendFormAsync("/account/devices", [], "/account/devices?handler=SignOutOthers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("3 other devices are signed out.", await mine.GetStringAsync("/account/devices", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(await mine.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ReplayAsync(otherCookie)).Api);
        Assert.False(await member.Client.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RefreshAsync(tokens.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task SessionsApi_ListsThem_AndEndsOneOfTheMembersOwnOnly()
    {
        var member = await factory.MemberAsync();
        var stranger = await factory.MemberAsync();
        var cookie = await factory.LoginCookieAsync(member.Email);
        using var phone = factory.CreateClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36");
        var login = await ReadJsonAsync(await phone.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken));
        phone.UseBearer(login.GetProperty("accessToken").GetString()!);

        var sessions = (await ReadJsonAsync(await phone.GetAsync("/api/account/sessions", TestContext.Current.CancellationToken))).EnumerateArray().ToList();

        Assert.Equal(3, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Chrome on Android", current.GetProperty("device").GetString());
        var strangersId = factory.WithDb(db => db.AccountSessions.First(s => s.UserId == stranger.Id).Id);
        await AssertProblemAsync(await phone.DeleteAsync($"/api/account/sessions/{strangersId}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        Assert.True(await stranger.Client.IsSignedInAsync());
        var cookieSession = sessions.Single(s => s.GetProperty("kind").GetString() == "browser").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await phone.DeleteAsync($"/api/account/sessions/{cookieSession}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ReplayAsync(cookie)).Api);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync("/api/account/sessions/logout-others", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(await member.Client.IsSignedInAsync());
        Assert.Single((await ReadJsonAsync(await phone.GetAsync("/api/account/sessions", TestContext.Current.CancellationToken))).EnumerateArray());
    }

    [Fact]
    public async Task KeepMeSignedIn_Unticked_IsACookieThatDiesWithTheBrowser_Ticked_Lasts14Days()
    {
        var member = await factory.MemberAsync();

        var (_, session) = await factory.FormLogInAsync(member.Email, keepSignedIn: false);
        var (_, kept) = await factory.FormLogInAsync(member.Email, keepSignedIn: true);

        var sessionCookie = session.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
        var keptCookie = kept.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", sessionCookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(Regex.Match(keptCookie, "expires=([^;]+)", RegexOptions.IgnoreCase).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(factory.Time.GetUtcNow().AddDays(14), expires, TimeSpan.FromMinutes(1));
        Assert.Contains("Keep me signed in", await factory.Browser().GetStringAsync("/account/login", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieRenewedByIdentitysThirtyMinuteCheck_StaysInItsSession_AndLogOutStillEndsIt()
    {
        var member = await factory.MemberAsync();
        var (browser, _) = await factory.FormLogInAsync(member.Email, keepSignedIn: true);
        var sessionId = await CurrentSessionAsync(browser);

        factory.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await browser.IsSignedInAsync());
        Assert.True(await browser.IsSignedInAsync());

        Assert.Equal(sessionId, await CurrentSessionAsync(browser));
        await browser.SendFormAsync("/today", [], "/account/logout");
        Assert.False(await browser.IsSignedInAsync());
        Assert.NotNull(factory.WithDb(db => db.AccountSessions.Single(s => s.Id == sessionId).RevokedAt));
    }

    [Fact]
    public async Task LastSeen_IsWrittenAtMostOnceAMinute()
    {
        var member = await factory.MemberAsync();
        var tokens = await factory.BearerLogInAsync(member.Email);
        using var client = factory.BearerClient(tokens);
        DateTime LastSeen() => factory.WithDb(db => db.AccountSessions.Where(s => s.UserId == member.Id).OrderByDescending(s => s.LastSeenAt).First().LastSeenAt);
        var signedIn = LastSeen();

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await client.IsSignedInAsync());
        Assert.Equal(signedIn, LastSeen());
        factory.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await client.IsSignedInAsync());

        Assert.True(LastSeen() > signedIn, "a request a minute after the last write records when the session was seen");
    }

    /// <summary>The session a login cookie belongs to.</summary>
    private async Task<string> SessionIdAsync(string cookie)
    {
        using var client = factory.CookieReplayer(cookie);
        return await CurrentSessionAsync(client);
    }

    /// <summary>The id of the session the client's cookie or token belongs to, as /api/account/sessions marks it.</summary>
    private static async Task<string> CurrentSessionAsync(HttpClient client) =>
        Assert.Single((await ReadJsonAsync(await client.GetAsync("/api/account/sessions"))).EnumerateArray(), s => s.GetProperty("current").GetBoolean())
            .GetProperty("id").GetString()!;

    [GeneratedRegex("name=\"id\" value=\"[^\"]+\"")]
    private static partial Regex SessionForms();
}
