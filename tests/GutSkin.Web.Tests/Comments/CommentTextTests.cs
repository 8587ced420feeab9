using GutSkin.Web.Features.Comments;

namespace GutSkin.Web.Tests.Comments;

public sealed class CommentTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("a & b \"quoted\" 'single'", "<p>a &amp; b &quot;quoted&quot; &#x27;single&#x27;</p>")]
    [InlineData("one\ntwo\n\nthree", "<p>one<br>two</p><p>three</p>")]
    [InlineData("one\r\n\r\n\r\ntwo", "<p>one</p><p>two</p>")]
    [InlineData("See https://example.org/a?b=1&c=2.", "<p>See <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">https://example.org/a?b=1&amp;c=2</a>.</p>")]
    [InlineData("javascript:alert(1)", "<p>javascript:alert(1)</p>")]
    [InlineData("https://x.example/\"onmouseover=\"alert(1)", "<p><a href=\"https://x.example/\" rel=\"nofollow ugc noopener\">https://x.example/</a>&quot;onmouseover=&quot;alert(1)</p>")]
    [InlineData("https://x.example/<img src=x onerror=alert(1)>", "<p><a href=\"https://x.example/\" rel=\"nofollow ugc noopener\">https://x.example/</a>&lt;img src=x onerror=alert(1)&gt;</p>")]
    [InlineData("", "")]
    public void Render_EncodesEverything_KeepsParagraphs_AndLinksOnlyHttpUrls(string text, string html)
    {
        Assert.Equal(html, CommentText.Render(text));
    }

    [Theory]
    [InlineData("no links", 0)]
    [InlineData("https://a.example http://b.example", 2)]
    [InlineData("https://a.example www.b.example and www.c.example", 3)]
    public void CountLinks_CountsUrlsAndBareWwwAddresses(string text, int links)
    {
        Assert.Equal(links, CommentText.CountLinks(text));
    }
}
