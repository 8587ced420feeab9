using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Tests.Infrastructure;

public sealed class NavigationTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    /// <summary>A session cookie: the fake clock would give a persistent one an expiry already past in real time.</summary>
    private async Task<HttpClient> CookieClientAsync(string email, string password)
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login?useSessionCookies=true", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    [Fact]
    public async Task Admins_SeeModerationAndArticles_MembersDoNot()
    {
        const string password = "an admin password here";
        var admin = $"admin-{Guid.NewGuid():N}@example.test";
        Assert.Equal(0, await Commands.RunAsync(factory.Services, ["admin", "add", admin, "--password-stdin"], new StringReader(password), new StringWriter(), new StringWriter()));
        var adminHtml = await (await CookieClientAsync(admin, password)).GetStringAsync("/");
        Assert.Contains("href=\"/moderation\"", adminHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/articles\"", adminHtml, StringComparison.Ordinal);

        var member = await factory.MemberAsync();
        var memberHtml = await (await CookieClientAsync(member.Email, TestSupport.Password)).GetStringAsync("/");
        Assert.Contains("href=\"/today\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/moderation\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/articles\"", memberHtml, StringComparison.Ordinal);
    }
}
