using GutSkin.Web.Features.Articles;

namespace GutSkin.Web.Tests.Articles;

public sealed class ArticleRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "javascript:")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:")]
    [InlineData("![x](javascript:alert(1))", "javascript:")]
    [InlineData("<svg onload=alert(1)>", "<svg")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("[a](https://example.com \"t\\\" onmouseover=\\\"alert(1)\")", "onmouseover=\"")]
    public void HostileMarkdown_LeavesNothingExecutable(string markdown, string forbidden)
    {
        var html = ArticleRenderer.Render(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RawHtml_IsShownAsText()
    {
        Assert.Equal("<p>&lt;b&gt;bold&lt;/b&gt;</p>\n", ArticleRenderer.Render("<b>bold</b>"));
    }

    [Fact]
    public void Headings_GetIds_AndReservedIdsAreRenamed()
    {
        var html = ArticleRenderer.Render("## What the research shows\n\n## Main\n");
        Assert.Contains("<h2 id=\"what-the-research-shows\">What the research shows</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"section-main\">Main</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalLinks_GetNoopener_LocalLinksDoNot()
    {
        var html = ArticleRenderer.Render("[out](https://example.org/a) and [in](/blog) and [mail](mailto:a@example.org)");
        Assert.Contains("<a href=\"https://example.org/a\" rel=\"noopener\">out</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/blog\">in</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:a@example.org\">mail</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The Gut–Skin Axis: Café & Co.", "the-gut-skin-axis-cafe-co")]
    [InlineData("  Hello   World  ", "hello-world")]
    [InlineData("!!!", "article")]
    public void Slugify_MakesValidSlugs(string title, string slug)
    {
        Assert.Equal(slug, ArticleRules.Slugify(title));
        Assert.True(ArticleRules.IsSlug(slug));
    }
}
