using System.Net;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Tests.Articles;

namespace GutSkin.Web.Tests.Comments;

public sealed class CommentPrivacyTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    [Fact]
    public async Task CommentersEmail_IsInNoPublicHtmlJsonOrFeed_NorInTheModerationInbox()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        const string email = "very-private.reader@example.test";
        var client = factory.CreateClient();
        var top = await client.PostCommentAsync(slug, new { name = "Private reader", email, body = "Visible text" });
        Assert.Equal(HttpStatusCode.Created, top.StatusCode);
        var topId = await ArticleTestSupport.CommentIdAsync(top);
        await client.PostCommentAsync(slug, new { name = "Replier", email, body = "A reply", parentId = topId });
        await client.PostCommentAsync(slug, new { name = "Held", email, body = "x https://a.example https://b.example https://c.example" });

        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var places = new List<(string Where, string Text)>
        {
            ("article page", await client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken)),
            ("blog page", await client.GetStringAsync("/blog", TestContext.Current.CancellationToken)),
            ("comments API", await client.GetStringAsync($"/api/articles/{slug}/comments", TestContext.Current.CancellationToken)),
            ("article API", await client.GetStringAsync($"/api/articles/{slug}", TestContext.Current.CancellationToken)),
            ("articles API", await client.GetStringAsync("/api/articles", TestContext.Current.CancellationToken)),
            ("feed", await client.GetStringAsync("/blog/feed.xml", TestContext.Current.CancellationToken)),
            ("sitemap", await client.GetStringAsync("/sitemap.xml", TestContext.Current.CancellationToken)),
            ("moderation page", await moderator.Cookies.GetStringAsync("/moderation?state=approved", TestContext.Current.CancellationToken)),
            ("moderation page (pending)", await moderator.Cookies.GetStringAsync("/moderation", TestContext.Current.CancellationToken)),
            ("moderation API", await moderator.Bearer.GetStringAsync("/api/moderation/comments?state=approved", TestContext.Current.CancellationToken)),
        };
        Assert.Contains("Visible text", places[0].Text, StringComparison.Ordinal);
        foreach (var (where, text) in places)
        {
            Assert.False(text.Contains("very-private", StringComparison.OrdinalIgnoreCase), $"The e-mail address appears in the {where}.");
        }

        var json = await TestSupport.ReadJsonAsync(await client.GetAsync($"/api/articles/{slug}/comments", TestContext.Current.CancellationToken));
        Assert.Equal(["id", "parentId", "name", "body", "createdAt", "fromSite"], json[0].EnumerateObject().Select(p => p.Name));
    }
}
