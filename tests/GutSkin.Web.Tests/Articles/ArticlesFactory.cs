using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Articles;

/// <summary>
/// The app for the article and comment tests: background jobs off (the tests run the digest and the purge
/// themselves), a generous rate limit unless a test class asks for a small one, and the client's IP address
/// taken from an X-Test-Ip header so the IP rules can be exercised.
/// </summary>
public class ArticlesFactory : GutSkinFactory
{
    public const string IpHeader = "X-Test-Ip";

    public ArticlesFactory()
    {
    }

    /// <summary>The same app with the shared host's <paramref name="options"/> (another instance's database, …).</summary>
    protected ArticlesFactory(GutSkinFactoryOptions options)
        : base(options)
    {
    }

    protected virtual int RateLimit => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Comments:RateLimit", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Comments:BackgroundJobs", "false");
        builder.UseSetting("Comments:UploadDirectory", Path.Combine(MailFolder, "..", "uploads"));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new TestIpFilter()));
    }

    private sealed class TestIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(IpHeader, out var ip) && IPAddress.TryParse(ip.ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class SmallRateLimitFactory : ArticlesFactory
{
    protected override int RateLimit => 3;
}

/// <summary>A moderator or admin: a bearer client for the API and a cookie client for the pages.</summary>
public sealed record Staff(HttpClient Bearer, HttpClient Cookies, string Email);

/// <summary>Helpers for articles, comments and the people who moderate them.</summary>
public static partial class ArticleTestSupport
{
    /// <summary>A user in <paramref name="role"/> (Moderator or Admin), with a bearer client and a cookie client.</summary>
    public static async Task<Staff> StaffAsync(this GutSkinFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await factory.RegisterAsync(email);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.True((await users.AddToRoleAsync(user!, role)).Succeeded);
        }

        // Roles travel in the token and the cookie, so log in after the role is given.
        var bearer = await factory.CreateMemberLoginAsync(email);
        var cookies = await factory.CookieClientAsync(email);
        return new Staff(bearer, cookies, email);
    }

    public static async Task<HttpClient> CreateMemberLoginAsync(this GutSkinFactory factory, string email)
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestSupport.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
        client.UseBearer(token);
        return client;
    }

    /// <summary>Inserts an article straight into the database (published now unless told otherwise); answers its id.</summary>
    public static int AddArticle(this GutSkinFactory factory, string slug, string? title = null, string markdown = "Some text.", ArticleStatus status = ArticleStatus.Published,
        DateTime? publishAt = null, DateTime? deletedAt = null, CommentPolicy? policy = null, int? closeAfterDays = null, List<string>? tags = null) =>
        factory.WithDb(db =>
        {
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var article = new Article
            {
                Slug = slug,
                Title = title ?? $"Article {slug}",
                Markdown = markdown,
                Html = ArticleRenderer.Render(markdown),
                Excerpt = ArticleRules.ExcerptFrom(markdown),
                Tags = tags ?? [],
                Status = status,
                PublishAt = publishAt ?? (status == ArticleStatus.Published ? now : null),
                DeletedAt = deletedAt,
                CreatedAt = now,
                UpdatedAt = now,
                CommentPolicy = policy,
                CloseCommentsAfterDays = closeAfterDays,
            };
            db.Articles.Add(article);
            db.SaveChanges();
            return article.Id;
        });

    /// <summary>A fresh published article with the given comment policy; answers its slug.</summary>
    public static string Article(this GutSkinFactory factory, CommentPolicy? policy = null)
    {
        var slug = Unique("article");
        factory.AddArticle(slug, policy: policy);
        return slug;
    }

    public static string AddArticleSlug(this GutSkinFactory factory, DateTime publishAt, int? closeAfterDays)
    {
        var slug = Unique("article");
        factory.AddArticle(slug, publishAt: publishAt, closeAfterDays: closeAfterDays);
        return slug;
    }

    public static Comment Comment(this GutSkinFactory factory, long id) =>
        factory.WithDb(db => db.Comments.AsNoTracking().Single(c => c.Id == id));

    public static void SetSettings(this GutSkinFactory factory, Action<SiteSettings> change) =>
        factory.WithDb(db =>
        {
            var settings = db.SiteSettings.Single();
            change(settings);
            return db.SaveChanges();
        });

    /// <summary>One moderator and one admin per factory.</summary>
    public static Task<Staff> SharedStaffAsync(this GutSkinFactory factory, string role) =>
        factory.SharedAsync(role, () => factory.StaffAsync(role));

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string Antiforgery(string html) => Field(html, "__RequestVerificationToken")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The value of the first input named <paramref name="name"/> on a page.</summary>
    public static string? Field(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>A client that keeps cookies (antiforgery, TempData) and does not follow redirects.</summary>
    public static HttpClient Browser(this GutSkinFactory factory, string? ip = null)
    {
        var client = factory.CreateDefaultClient(new CookieJar(factory.Time).Handler());
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add(ArticlesFactory.IpHeader, ip);
        }

        return client;
    }

    /// <summary>Opens an article page, waits <paramref name="wait"/> on the fake clock, and sends the comment form.</summary>
    public static async Task<HttpResponseMessage> SendCommentFormAsync(this GutSkinFactory factory, HttpClient browser, string slug,
        string name, string email, string body, TimeSpan? wait = null, string? honeypot = null, string? stamp = null, long? parentId = null)
    {
        var page = await browser.GetStringAsync($"/blog/{slug}");
        factory.Time.Advance(wait ?? TimeSpan.FromSeconds(5));
        var form = new Dictionary<string, string>
        {
            ["Input.Stamp"] = stamp ?? Field(page, "Input.Stamp") ?? "",
            ["Input.Name"] = name,
            ["Input.Email"] = email,
            ["Input.Body"] = body,
            ["Input.Website"] = honeypot ?? "",
        };
        if (parentId is not null)
        {
            form["Input.ParentId"] = parentId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await browser.PostAsync($"/blog/{slug}", new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> PostCommentAsync(this HttpClient client, string slug, object body, string? ip = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{slug}/comments") { Content = JsonContent.Create(body) };
        if (ip is not null)
        {
            request.Headers.Add(ArticlesFactory.IpHeader, ip);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The id in a 201/202 comment answer.</summary>
    public static async Task<long> CommentIdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();

    public static long LatestCommentId(this GutSkinFactory factory) => factory.WithDb(db => db.Comments.Max(c => c.Id));
}
