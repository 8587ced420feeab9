using System.Net;
using System.Xml.Linq;
using GutSkin.Web.Features.Articles;
using Microsoft.AspNetCore.Hosting;

namespace GutSkin.Web.Tests.Articles;

/// <summary>The site's public address set, and any Host header served: links must follow the setting, never the request.</summary>
public sealed class SiteOriginFactory : ArticlesFactory
{
    public const string Origin = "https://gutskin.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Site:BaseUrl", Origin);
        builder.UseSetting("AllowedHosts", "*");
    }
}

/// <summary>The feed, sitemap and robots.txt (requested at http://localhost) link to Site:BaseUrl.</summary>
public sealed class FeedsTests(SiteOriginFactory factory) : IClassFixture<SiteOriginFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task Feed_IsWellFormedAtom_ListingPublishedArticlesOnly()
    {
        var (published, draft, scheduled, deleted) = AddFourKinds();
        var response = await factory.CreateClient().GetAsync("/blog/feed.xml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.NotNull(feed.Element(Atom + required));
        }

        var entries = feed.Elements(Atom + "entry").ToList();
        var links = entries.Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value).ToList();
        Assert.Contains($"https://gutskin.example/blog/{published}", links);
        Assert.Contains($"https://gutskin.example/blog/{StarterArticle.Slug}", links);
        foreach (var hidden in new[] { draft, scheduled, deleted })
        {
            Assert.DoesNotContain($"https://gutskin.example/blog/{hidden}", links);
        }

        var entry = entries.Single(e => e.Element(Atom + "link")!.Attribute("href")!.Value.EndsWith(published, StringComparison.Ordinal));
        foreach (var required in new[] { "id", "title", "updated", "published", "summary", "content" })
        {
            Assert.NotNull(entry.Element(Atom + required));
        }

        // A control character XML cannot carry is dropped; markup in the title is text.
        Assert.Equal("Control  characters & <angle> brackets", entry.Element(Atom + "title")!.Value);
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
    }

    [Fact]
    public async Task Sitemap_IsWellFormed_ListingPublishedArticlesOnly()
    {
        var (published, draft, scheduled, deleted) = AddFourKinds();
        var response = await factory.CreateClient().GetAsync("/sitemap.xml", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var urlset = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal(Sitemaps + "urlset", urlset.Name);
        var locations = urlset.Elements(Sitemaps + "url").Select(u => u.Element(Sitemaps + "loc")!.Value).ToList();
        Assert.Contains("https://gutskin.example/blog", locations);
        Assert.Contains($"https://gutskin.example/blog/{published}", locations);
        foreach (var hidden in new[] { draft, scheduled, deleted })
        {
            Assert.DoesNotContain($"https://gutskin.example/blog/{hidden}", locations);
        }
    }

    [Fact]
    public async Task ArticleAndBlogPages_NameTheirCanonicalAddressOnTheSiteOrigin()
    {
        var slug = ArticleTestSupport.Unique("canonical");
        factory.AddArticle(slug);

        var article = await factory.CreateClient().GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        var blog = await factory.CreateClient().GetStringAsync("/blog", TestContext.Current.CancellationToken);

        Assert.Contains($"<link rel=\"canonical\" href=\"{SiteOriginFactory.Origin}/blog/{slug}\">", article, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:url\" content=\"{SiteOriginFactory.Origin}/blog/{slug}\">", article, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"canonical\" href=\"{SiteOriginFactory.Origin}/blog", blog, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost", article + blog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_AllowsTheBlog_HidesPrivatePages_AndNamesTheSitemap()
    {
        var robots = await factory.CreateClient().GetStringAsync("/robots.txt", TestContext.Current.CancellationToken);
        Assert.Contains("Sitemap: https://gutskin.example/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /admin/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /moderation", robots, StringComparison.Ordinal);
        Assert.DoesNotContain("Disallow: /blog", robots, StringComparison.Ordinal);
    }

    private (string Published, string Draft, string Scheduled, string Deleted) AddFourKinds()
    {
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var published = ArticleTestSupport.Unique("feed-pub");
        var draft = ArticleTestSupport.Unique("feed-draft");
        var scheduled = ArticleTestSupport.Unique("feed-later");
        var deleted = ArticleTestSupport.Unique("feed-deleted");
        factory.AddArticle(published, title: "Control \u0001 characters & <angle> brackets", markdown: "Text with <script>alert(1)</script>.", tags: ["x"]);
        factory.AddArticle(draft, status: ArticleStatus.Draft);
        factory.AddArticle(scheduled, publishAt: now.AddDays(5));
        factory.AddArticle(deleted, deletedAt: now);
        return (published, draft, scheduled, deleted);
    }
}
