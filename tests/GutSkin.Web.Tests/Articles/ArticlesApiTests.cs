using System.Net;
using System.Text.Json;
using GutSkin.Web.Features.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Articles;

public sealed class ArticlesApiTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    [Fact]
    public async Task StarterArticle_IsPublishedOnFirstRun_WithAtLeast700WordsAndSources()
    {
        var client = factory.CreateClient();
        var json = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles/{StarterArticle.Slug}", TestContext.Current.CancellationToken));
        Assert.Equal(StarterArticle.Title, json.GetProperty("title").GetString());
        var words = StarterArticle.Markdown.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));
        Assert.True(words >= 700, $"{words} words");
        var html = json.GetProperty("html").GetString()!;
        Assert.Contains("<h2 id=\"sources\">Sources</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Frontiers in Microbiology", html, StringComparison.Ordinal);
        Assert.True(json.GetProperty("readingMinutes").GetInt32() >= 3);
    }

    [Fact]
    public async Task StoredInstants_ComeBackAsUtc_InTheApiAndThePage()
    {
        var publishAt = new DateTime(2026, 6, 14, 9, 30, 15, DateTimeKind.Utc);
        var slug = ArticleTestSupport.Unique("utc");
        factory.AddArticle(slug, publishAt: publishAt);
        var client = factory.CreateClient();

        var json = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles/{slug}", TestContext.Current.CancellationToken));
        var page = await client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken);

        Assert.Equal("2026-06-14T09:30:15Z", json.GetProperty("publishedAt").GetString());
        Assert.Contains("content=\"2026-06-14T09:30:15.0000000Z\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_HasPublishedArticlesOnly_NewestFirst_WithTheDocumentedFields()
    {
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var tag = ArticleTestSupport.Unique("only");
        var older = ArticleTestSupport.Unique("older");
        var newer = ArticleTestSupport.Unique("newer");
        var draft = ArticleTestSupport.Unique("draft");
        var scheduled = ArticleTestSupport.Unique("scheduled");
        var deleted = ArticleTestSupport.Unique("deleted");
        factory.AddArticle(older, publishAt: now.AddDays(-3), tags: [tag]);
        factory.AddArticle(newer, publishAt: now.AddDays(-1), tags: [tag, "sleep"]);
        factory.AddArticle(draft, status: ArticleStatus.Draft, tags: [tag]);
        factory.AddArticle(scheduled, publishAt: now.AddDays(2), tags: [tag]);
        factory.AddArticle(deleted, publishAt: now.AddDays(-2), deletedAt: now, tags: [tag]);

        var client = factory.CreateClient();
        var list = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles?page=1&tag={tag}", TestContext.Current.CancellationToken));
        var slugs = list.EnumerateArray().Select(a => a.GetProperty("slug").GetString()).ToList();
        Assert.Contains(older, slugs);
        Assert.Contains(newer, slugs);
        Assert.DoesNotContain(draft, slugs);
        Assert.DoesNotContain(scheduled, slugs);
        Assert.DoesNotContain(deleted, slugs);
        Assert.True(slugs.IndexOf(newer) < slugs.IndexOf(older));
        var first = list.EnumerateArray().First(a => a.GetProperty("slug").GetString() == newer);
        Assert.Equal(["slug", "title", "excerpt", "publishedAt", "tags"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal([tag, "sleep"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        foreach (var hidden in new[] { draft, scheduled, deleted })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/articles/{hidden}", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/blog/{hidden}", TestContext.Current.CancellationToken)).StatusCode);
        }

        // The scheduled one goes public when its time comes.
        factory.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/articles/{scheduled}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByTag_AndPages()
    {
        var tag = ArticleTestSupport.Unique("tag");
        var now = factory.Time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 12; i++)
        {
            factory.AddArticle(ArticleTestSupport.Unique($"paged{i}"), publishAt: now.AddMinutes(-i), tags: [tag]);
        }

        var client = factory.CreateClient();
        var page1 = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles?tag={tag}", TestContext.Current.CancellationToken));
        var page2 = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles?tag={tag}&page=2", TestContext.Current.CancellationToken));
        Assert.Equal(10, page1.GetArrayLength());
        Assert.Equal(2, page2.GetArrayLength());
        Assert.All(page1.EnumerateArray(), a => Assert.Contains(tag, a.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

        var blog = await client.GetStringAsync($"/blog?tag={tag}", TestContext.Current.CancellationToken);
        Assert.Contains("Older articles", blog, StringComparison.Ordinal);
        Assert.DoesNotContain(StarterArticle.Title.Replace("–", "&#x2013;", StringComparison.Ordinal), blog, StringComparison.Ordinal);
        await TestSupport.AssertProblemAsync(await client.GetAsync("/api/articles?page=0", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task UnknownSlug_Is404_OnPageAndApi()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/no-such-article", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/blog/no-such-article", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/no-such-article/comments", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ArticlePage_HasBackLink_ReadingTime_Canonical_OpenGraph_AndEscapedJsonLd()
    {
        var slug = ArticleTestSupport.Unique("meta");
        factory.AddArticle(slug, title: "Sugar </script><script>alert(1)</script> & skin", markdown: "# Heading\n\nBody text here.", tags: ["sugar"]);
        var html = await factory.CreateClient().GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        Assert.Contains("<a href=\"/blog\">← Back to blog</a>", html, StringComparison.Ordinal);
        Assert.Contains("1 min read", html, StringComparison.Ordinal);
        // Without Site:BaseUrl (Development) the address the app listens on stands in; FeedsTests covers the setting.
        var origin = factory.Services.GetRequiredService<GutSkin.Web.Infrastructure.SiteLinks>().Origin;
        Assert.Contains($"<link rel=\"canonical\" href=\"{origin}/blog/{slug}\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"Sugar &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; skin\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"article:tag\" content=\"sugar\">", html, StringComparison.Ordinal);

        var start = html.IndexOf("<script type=\"application/ld", StringComparison.Ordinal);
        Assert.True(start > 0);
        var jsonStart = html.IndexOf('>', start) + 1;
        var jsonEnd = html.IndexOf("</script>", jsonStart, StringComparison.Ordinal);
        var ld = JsonDocument.Parse(html[jsonStart..jsonEnd]).RootElement;
        Assert.Equal("Article", ld.GetProperty("@type").GetString());
        Assert.Equal("Sugar </script><script>alert(1)</script> & skin", ld.GetProperty("headline").GetString());
        Assert.DoesNotContain('<', html[jsonStart..jsonEnd]);
        // The only script elements: the JSON-LD block and the site's own script file.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<script"));
    }

    [Fact]
    public async Task RenamedSlug_OldAddressAnswers301_ToTheNewOne()
    {
        var oldSlug = ArticleTestSupport.Unique("old");
        var newSlug = ArticleTestSupport.Unique("new");
        var id = factory.AddArticle(oldSlug);
        factory.WithDb(db =>
        {
            var article = db.Articles.Single(a => a.Id == id);
            article.Slug = newSlug;
            db.ArticleSlugs.Add(new ArticleSlugHistory { OldSlug = oldSlug, ArticleId = id, ChangedAt = DateTime.UtcNow });
            return db.SaveChanges();
        });

        var client = factory.Browser();
        var page = await client.GetAsync($"/blog/{oldSlug}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/blog/{newSlug}", page.Headers.Location!.OriginalString);
        var api = await client.GetAsync($"/api/articles/{oldSlug}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, api.StatusCode);
        Assert.Equal($"/api/articles/{newSlug}", api.Headers.Location!.OriginalString);
        var comments = await client.GetAsync($"/api/articles/{oldSlug}/comments", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, comments.StatusCode);
        Assert.Equal($"/api/articles/{newSlug}/comments", comments.Headers.Location!.OriginalString);
        var post = await client.PostCommentAsync(oldSlug, new { name = "A", email = "a@example.test", body = "Moved?" });
        Assert.Equal(HttpStatusCode.PermanentRedirect, post.StatusCode);
        Assert.Equal($"/api/articles/{newSlug}/comments", post.Headers.Location!.OriginalString);
    }
}

public sealed class ArticleCacheTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    [Fact]
    public async Task AnonymousArticlePage_IsCachedWithoutCookies_AndEvictedWhenACommentIsApproved()
    {
        var slug = factory.Article();
        var client = factory.CreateClient();
        var first = await client.GetAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        var id = await ArticleTestSupport.CommentIdAsync(await client.PostCommentAsync(slug, new { name = "Cached", email = "c@example.test", body = "Shown after approval" }));
        Assert.DoesNotContain("Shown after approval", await client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var moderator = await factory.SharedStaffAsync(GutSkin.Web.Features.Account.Roles.Moderator);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await moderator.Bearer.PostAsync($"/api/moderation/comments/{id}/approve", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("Shown after approval", await client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await moderator.Bearer.PostAsync($"/api/moderation/comments/{id}/unapprove", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain("Shown after approval", await client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
