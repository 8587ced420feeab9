using System.Net;
using System.Net.Http.Headers;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Tests.Articles;

public sealed class AdminArticlesTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    public static TheoryData<string> AdminPages => ["/admin/articles", "/admin/articles/edit", "/admin/comments"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AdminPages_AreForAdminsOnly(string path)
    {
        var anonymous = await factory.Browser().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var member = await factory.SharedMemberAsync();
        var memberCookies = await factory.CookieClientAsync(member.Email);
        var denied = await memberCookies.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var moderatorDenied = await moderator.Cookies.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, moderatorDenied.StatusCode);
        Assert.StartsWith("/account/access-denied", moderatorDenied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Admin_WritesPreviewsDraftsPublishesRenamesDeletesAndRestores()
    {
        var admin = await AdminAsync();
        var public_ = factory.CreateClient();
        var slug = ArticleTestSupport.Unique("written");

        // Preview renders, saves nothing.
        var preview = await PostFormAsync(admin, "/admin/articles/edit", new() { ["intent"] = "preview", ["Input.Title"] = "Preview me", ["Input.Markdown"] = "## Hello <b>there</b>" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewHtml = await preview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Hello &lt;b&gt;there&lt;/b&gt;</h2>", previewHtml, StringComparison.Ordinal);
        Assert.False(factory.WithDb(db => db.Articles.Any(a => a.Title == "Preview me")));

        // Draft: saved, not public.
        var draft = await PostFormAsync(admin, "/admin/articles/edit", new()
        {
            ["intent"] = "draft", ["Input.Title"] = "A drafted article", ["Input.Slug"] = slug, ["Input.Markdown"] = "First paragraph.\n\nSecond.", ["Input.Tags"] = "Sleep, stress, sleep",
        });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var article = factory.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Slug == slug));
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(["sleep", "stress"], article.Tags);
        Assert.Equal("First paragraph.", article.Excerpt);
        Assert.Equal(HttpStatusCode.NotFound, (await public_.GetAsync($"/blog/{slug}", TestContext.Current.CancellationToken)).StatusCode);

        // Publish now.
        var publish = await PostFormAsync(admin, $"/admin/articles/edit/{article.Id}", new()
        {
            ["intent"] = "publish", ["Input.Title"] = "A published article", ["Input.Slug"] = slug, ["Input.Markdown"] = "First paragraph.", ["Input.Tags"] = "sleep",
        });
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await public_.GetAsync($"/blog/{slug}", TestContext.Current.CancellationToken)).StatusCode);

        // Rename: the old address answers 301.
        var renamed = slug + "-renamed";
        await PostFormAsync(admin, $"/admin/articles/edit/{article.Id}", new()
        {
            ["intent"] = "publish", ["Input.Title"] = "A published article", ["Input.Slug"] = renamed, ["Input.Markdown"] = "First paragraph.",
        });
        var moved = await factory.Browser().GetAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"/blog/{renamed}", moved.Headers.Location!.OriginalString);

        // Unpublish, publish again from the list, delete, restore.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, $"/admin/articles?handler=Unpublish&id={article.Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await public_.GetAsync($"/blog/{renamed}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, $"/admin/articles?handler=Publish&id={article.Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await public_.GetAsync($"/blog/{renamed}", TestContext.Current.CancellationToken)).StatusCode);
        await PostFormAsync(admin, $"/admin/articles?handler=Delete&id={article.Id}", []);
        Assert.Equal(HttpStatusCode.NotFound, (await public_.GetAsync($"/blog/{renamed}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("Deleted", await admin.GetStringAsync("/admin/articles", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await PostFormAsync(admin, $"/admin/articles?handler=Restore&id={article.Id}", []);
        Assert.Equal(HttpStatusCode.OK, (await public_.GetAsync($"/blog/{renamed}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PublishAtAFutureDate_SchedulesTheArticle()
    {
        var admin = await AdminAsync();
        var slug = ArticleTestSupport.Unique("later");
        var at = factory.Time.GetUtcNow().UtcDateTime.AddDays(2);
        await PostFormAsync(admin, "/admin/articles/edit", new()
        {
            ["intent"] = "publish", ["Input.Title"] = "Later", ["Input.Slug"] = slug, ["Input.Markdown"] = "Soon.", ["Input.PublishAt"] = at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("Scheduled", await admin.GetStringAsync("/admin/articles", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/api/articles/{slug}", TestContext.Current.CancellationToken)).StatusCode);
        factory.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync($"/api/articles/{slug}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task BadForm_IsShownAgainWithWhatWasTyped_AndSavesNothing()
    {
        var admin = await AdminAsync();
        var taken = ArticleTestSupport.Unique("taken");
        factory.AddArticle(taken);
        var before = factory.WithDb(db => db.Articles.Count());
        var response = await PostFormAsync(admin, "/admin/articles/edit", new()
        {
            ["intent"] = "publish", ["Input.Title"] = "Kept title", ["Input.Slug"] = taken, ["Input.Markdown"] = "Kept text", ["Input.CloseCommentsAfterDays"] = "soon", ["Input.PublishAt"] = "tomorrow",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Another article has this slug.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kept title\"", html, StringComparison.Ordinal);
        Assert.Contains(">Kept text</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("A date and time like", html, StringComparison.Ordinal);
        Assert.Equal(before, factory.WithDb(db => db.Articles.Count()));
    }

    [Fact]
    public async Task CoverImage_IsCheckedByContent_AndServedByTheApp()
    {
        var admin = await AdminAsync();
        var slug = ArticleTestSupport.Unique("cover");
        var fake = await PostFormAsync(admin, "/admin/articles/edit", new() { ["intent"] = "publish", ["Input.Title"] = "Cover", ["Input.Slug"] = slug, ["Input.Markdown"] = "x", ["Input.CoverImageAlt"] = "A bowl" },
            ("Cover", "photo.png", "<script>alert(1)</script>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("Only PNG, JPEG and WebP images can be used.", await fake.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var noAlt = await PostFormAsync(admin, "/admin/articles/edit", new() { ["intent"] = "publish", ["Input.Title"] = "Cover", ["Input.Slug"] = slug, ["Input.Markdown"] = "x" }, ("Cover", "photo.png", png));
        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);

        var ok = await PostFormAsync(admin, "/admin/articles/edit", new() { ["intent"] = "publish", ["Input.Title"] = "Cover", ["Input.Slug"] = slug, ["Input.Markdown"] = "x", ["Input.CoverImageAlt"] = "A bowl of kefir" },
            ("Cover", "photo.gif", png));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var path = factory.WithDb(db => db.Articles.Single(a => a.Slug == slug).CoverImagePath)!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", path);
        var image = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var page = await factory.CreateClient().GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        Assert.Contains($"<img class=\"cover\" src=\"{path}\" alt=\"A bowl of kefir\">", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/media/..%2Fgutskin.db", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<HttpClient> AdminAsync() => (await factory.SharedStaffAsync(Roles.Admin)).Cookies;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, (string Name, string FileName, byte[] Bytes)? file = null)
    {
        var pagePath = url.Contains("?handler", StringComparison.Ordinal) ? url[..url.IndexOf('?', StringComparison.Ordinal)] : url;
        var page = await client.GetStringAsync(pagePath);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ArticleTestSupport.Antiforgery(page)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, f.Name, f.FileName);
        }

        return await client.PostAsync(url, form);
    }
}
