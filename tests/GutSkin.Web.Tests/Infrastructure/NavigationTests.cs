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
        var adminHtml = await (await CookieClientAsync(admin, password)).GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("href=\"/moderation\"", adminHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/articles\"", adminHtml, StringComparison.Ordinal);

        var member = await factory.MemberAsync();
        var memberHtml = await (await CookieClientAsync(member.Email, TestSupport.Password)).GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("href=\"/today\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/moderation\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/articles\"", memberHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_ListsEveryPageBehindTheTabs_ByRole()
    {
        const string password = "an admin password here";
        var admin = $"admin-{Guid.NewGuid():N}@example.test";
        Assert.Equal(0, await Commands.RunAsync(factory.Services, ["admin", "add", admin, "--password-stdin"], new StringReader(password), new StringWriter(), new StringWriter()));
        var member = await factory.MemberAsync();

        var visitor = PageContent(await factory.CreateClient().GetStringAsync("/more", TestContext.Current.CancellationToken));
        var mine = PageContent(await (await CookieClientAsync(member.Email, TestSupport.Password)).GetStringAsync("/more", TestContext.Current.CancellationToken));
        var admins = PageContent(await (await CookieClientAsync(admin, password)).GetStringAsync("/more", TestContext.Current.CancellationToken));

        foreach (var href in new[] { "/account/login", "/account/register", "/blog", "/self-check" })
        {
            Assert.Contains($"href=\"{href}\"", visitor, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("/account/logout", visitor, StringComparison.Ordinal);
        foreach (var href in new[] { "/plan", "/items", "/journal/data", "/report", "/blog", "/self-check", "/account/profile", "/account/email", "/account/password", "/account/devices", "/account/two-factor", "/account/delete" })
        {
            Assert.Contains($"href=\"{href}\"", mine, StringComparison.Ordinal);
            Assert.Contains($"href=\"{href}\"", admins, StringComparison.Ordinal);
        }

        Assert.Contains("action=\"/account/logout\"", mine, StringComparison.Ordinal);
        foreach (var href in new[] { "/moderation", "/admin/articles", "/admin/comments" })
        {
            Assert.DoesNotContain($"href=\"{href}\"", mine, StringComparison.Ordinal);
            Assert.Contains($"href=\"{href}\"", admins, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/today", "/today")]
    [InlineData("/today/2026-06-14", "/today")]
    [InlineData("/experiments/new", "/experiments")]
    [InlineData("/history", "/history")]
    public async Task TheTabOfThePage_IsMarkedCurrent(string path, string tab)
    {
        var member = await factory.MemberAsync();

        var html = await (await CookieClientAsync(member.Email, TestSupport.Password)).GetStringAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains($"href=\"{tab}\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "aria-current=\"page\""));
        Assert.DoesNotContain("class=\"is-active\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/plan")]
    [InlineData("/items")]
    [InlineData("/account/password")]
    [InlineData("/account/devices")]
    [InlineData("/account/confirm-it-is-you")]
    public async Task APageBehindMore_MarksTheMoreTab(string path)
    {
        var member = await factory.MemberAsync();

        var html = await (await CookieClientAsync(member.Email, TestSupport.Password)).GetStringAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/more\" class=\"is-active\"", html, StringComparison.Ordinal);
    }

    /// <summary>The page's own content, without the menu.</summary>
    private static string PageContent(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
}
