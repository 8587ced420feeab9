using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Tests.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GutSkin.Web.Tests.Comments;

/// <summary>The moderators' mail, its signed one-click links, and the 30-day purge: each test moves the clock, so each has its own app.</summary>
public sealed partial class DigestAndPurgeTests : IDisposable
{
    private readonly ArticlesFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Digest_AtMostOneMailPer10Minutes_ListingEveryNewHeldComment_WithoutTheCommentersEmail()
    {
        var moderator = await _factory.StaffAsync(Roles.Moderator);
        var slug = _factory.Article();
        var client = _factory.CreateClient();
        await client.PostCommentAsync(slug, new { name = "First", email = "first-secret@example.test", body = "First held comment" });
        await client.PostCommentAsync(slug, new { name = "Second", email = "second-secret@example.test", body = "Second held comment" });

        Assert.Equal(2, await SendDigestAsync());
        var mail = Mails().Single(m => m.To.Mailboxes.Any(b => b.Address == moderator.Email));
        Assert.Contains("First held comment", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Second held comment", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/moderation/act?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("secret@example.test", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);

        // A new one within ten minutes waits; after ten minutes it goes out, alone.
        await client.PostCommentAsync(slug, new { name = "Third", email = "third@example.test", body = "Third held comment" });
        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await SendDigestAsync());
        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await SendDigestAsync());
        var second = Mails().Where(m => m.To.Mailboxes.Any(b => b.Address == moderator.Email)).OrderBy(m => m.Date).Last();
        Assert.Contains("Third held comment", second.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("First held comment", second.TextBody, StringComparison.Ordinal);
        _factory.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, await SendDigestAsync());
    }

    [Fact]
    public async Task OneClickLink_OnlyShowsAButton_ActsOnThePost_AndExpiresAfter7Days()
    {
        await _factory.StaffAsync(Roles.Moderator);
        var slug = _factory.Article();
        var client = _factory.CreateClient();
        var first = await ArticleTestSupport.CommentIdAsync(await client.PostCommentAsync(slug, new { name = "A", email = "a@example.test", body = "Approve me" }));
        var second = await ArticleTestSupport.CommentIdAsync(await client.PostCommentAsync(slug, new { name = "B", email = "b@example.test", body = "Spam me" }));
        await SendDigestAsync();
        var text = Mails().First().TextBody ?? "";
        var approve = Link(text, "approve", 0);
        var spam = Link(text, "spam", 1);

        // Opening the link (as a mail scanner would) changes nothing.
        var browser = _factory.Browser();
        var page = await browser.GetAsync(approve);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Approve this comment", html, StringComparison.Ordinal);
        Assert.Equal(CommentState.Pending, _factory.Comment(first).State);

        var token = ArticleTestSupport.Field(html, "token")!;
        var confirmed = await browser.PostAsync("/moderation/act", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(html), ["token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(CommentState.Approved, _factory.Comment(first).State);

        // A forged link and, after seven days, a real one are refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/moderation/act?token=forged")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(approve.Replace("token=", "token=x", StringComparison.Ordinal))).StatusCode);
        _factory.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(spam);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CommentState.Pending, _factory.Comment(second).State);
    }

    [Fact]
    public async Task Purge_DeletesSpamAndTrashOlderThan30Days_AndArticlesDeleted30DaysAgo()
    {
        var start = _factory.Time.GetUtcNow().UtcDateTime;
        var articleId = _factory.AddArticle(ArticleTestSupport.Unique("purge"));
        var oldDeleted = _factory.AddArticle(ArticleTestSupport.Unique("gone"), deletedAt: start.AddDays(-31));
        var recentDeleted = _factory.AddArticle(ArticleTestSupport.Unique("kept"), deletedAt: start.AddDays(-29));
        var ids = new Dictionary<string, long>();
        foreach (var (name, state, age) in new[]
        {
            ("old spam", CommentState.Spam, 31), ("old trash", CommentState.Trash, 31), ("recent spam", CommentState.Spam, 29),
            ("recent trash", CommentState.Trash, 29), ("old pending", CommentState.Pending, 90), ("old approved", CommentState.Approved, 90),
        })
        {
            ids[name] = _factory.WithDb(db =>
            {
                var comment = new Comment
                {
                    ArticleId = articleId, Name = name, Email = "x@example.test", Body = name, State = state, Reasons = "",
                    CreatedAt = start.AddDays(-age), StateChangedAt = start.AddDays(-age),
                };
                db.Comments.Add(comment);
                db.SaveChanges();
                return comment.Id;
            });
        }

        using (var scope = _factory.Services.CreateScope())
        {
            var (comments, articles) = await scope.ServiceProvider.GetRequiredService<CommentPurge>().PurgeAsync(default);
            Assert.Equal(2, comments);
            Assert.Equal(1, articles);
        }

        var left = _factory.WithDb(db => db.Comments.Where(c => c.ArticleId == articleId).Select(c => c.Name).ToList());
        Assert.Equal(["old approved", "old pending", "recent spam", "recent trash"], left.Order(StringComparer.Ordinal));
        Assert.False(_factory.WithDb(db => db.Articles.Any(a => a.Id == oldDeleted)));
        Assert.True(_factory.WithDb(db => db.Articles.Any(a => a.Id == recentDeleted)));
    }

    private async Task<int> SendDigestAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().SendDueAsync(default);
    }

    private List<MimeMessage> Mails() =>
        Directory.Exists(_factory.MailFolder)
            ? Directory.GetFiles(_factory.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).Where(m => m.Subject?.Contains("moderation", StringComparison.Ordinal) == true).ToList()
            : [];

    /// <summary>The n-th link for an action in the mail, as a path and query.</summary>
    private static string Link(string text, string action, int n) =>
        new Uri(ActionLink().Matches(text).Where(m => m.Groups[1].Value == action).ElementAt(n).Groups[2].Value).PathAndQuery;

    [GeneratedRegex(@"^(approve|spam|trash): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ActionLink();
}
