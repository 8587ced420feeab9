using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Articles;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// Finding 7 of issue 11: a personal answer must not be kept by the browser's or a proxy's cache, where the next
/// person at the same computer (or behind the same proxy) could read it; public pages keep their caching.
/// </summary>
public sealed class PersonalCachingTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    public static TheoryData<string> PersonalRoutes =>
    [
        "/", "/today", "/today/2026-06-01", "/history", "/insights", "/insights/comparisons", "/items", "/plan", "/experiments", "/experiments/new", "/journal/data",
        "/report", "/report?from=2026-06-01&to=2026-06-15", "/report.pdf?from=2026-06-01&to=2026-06-15",
        "/account/profile", "/account/password", "/account/two-factor", "/account/delete", "/self-check", "/blog", $"/blog/{StarterArticle.Slug}",
        "/api/journal?from=2026-06-01&to=2026-06-15", "/api/journal/2026-06-14", "/api/journal/export", "/api/journal/export?format=json",
        "/api/insights", "/api/items", "/api/plan", "/api/experiments", "/api/account/profile", "/api/auth/manage/info", "/api/articles",
        "/api/push/key", "/api/push/subscriptions",
    ];

    [Theory]
    [MemberData(nameof(PersonalRoutes))]
    public async Task EveryAnswerToASignedInMember_IsNoStore_WithTheCookieAndWithABearerToken(string url)
    {
        var member = await MemberWithADayAsync();
        var browser = await factory.CookieClientAsync(member.Email);

        foreach (var (how, client) in new[] { ("cookie", browser), ("bearer", member.Client) })
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

            // Really signed in: not sent to the log-in form, not refused.
            Assert.False(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{how} {url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{how} {url}: Cache-Control '{response.Headers.CacheControl}'");
        }
    }

    [Fact]
    public async Task LogInAnswer_CarryingTokens_IsNoStore()
    {
        var member = await factory.SharedMemberAsync();

        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = TestSupport.Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(login.Headers.CacheControl?.NoStore, $"Cache-Control '{login.Headers.CacheControl}'");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/blog")]
    [InlineData("/blog/" + StarterArticle.Slug)]
    [InlineData("/blog/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/api/articles")]
    [InlineData("/css/site.css")]
    public async Task PublicAnswersToAnonymousReaders_KeepTheirCaching(string url)
    {
        var response = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task StaticFilesForASignedInMember_KeepTheirCaching()
    {
        var member = await factory.SharedMemberAsync();
        var browser = await factory.CookieClientAsync(member.Email);

        var response = await browser.GetAsync("/css/site.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    private Task<TestMember> MemberWithADayAsync() => factory.SharedAsync("member with a day", async () =>
    {
        var member = await factory.MemberAsync("UTC");
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 3 }, note = "private" })).StatusCode);
        return member;
    });
}
