using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Identity;
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
    public async Task OneClickLink_OnlyShowsAButton_ActsOnThePost_ShowsTheNewState_AndExpiresAfter72Hours()
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
        var page = await browser.GetAsync(approve, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Approve this comment", html, StringComparison.Ordinal);
        Assert.Equal(CommentState.Pending, _factory.Comment(first).State);

        var token = ArticleTestSupport.Field(html, "token")!;
        var confirmed = await browser.PostAsync("/moderation/act", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(html), ["token"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(CommentState.Approved, _factory.Comment(first).State);
        // Issue 14: the confirmation shows the comment as it is now, not as it was before the button.
        var after = await confirmed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<span class=\"badge\">approved</span>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", after, StringComparison.OrdinalIgnoreCase);

        // A forged link and, after 72 hours, a real one are refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/moderation/act?token=forged", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(approve.Replace("token=", "token=x", StringComparison.Ordinal), TestContext.Current.CancellationToken)).StatusCode);
        _factory.Time.Advance(TimeSpan.FromHours(71));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(spam, TestContext.Current.CancellationToken)).StatusCode);
        _factory.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(spam, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(CommentState.Pending, _factory.Comment(second).State);
    }

    [Fact]
    public async Task OneClickLink_ActsOnce_AndIsRefusedOnceUsed_EvenAfterTheCommentIsBackToPending()
    {
        var moderator = await _factory.StaffAsync(Roles.Moderator);
        var slug = _factory.Article();
        var id = await ArticleTestSupport.CommentIdAsync(await _factory.CreateClient().PostCommentAsync(slug, new { name = "A", email = "a@example.test", body = "Approve me once" }));
        await SendDigestAsync();
        var approve = Link(MailTo(moderator.Email).TextBody ?? "", "approve", 0);
        var browser = _factory.Browser();
        var form = await browser.GetStringAsync(approve, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await PostLinkAsync(browser, form)).StatusCode);
        Assert.Equal(CommentState.Approved, _factory.Comment(id).State);

        // Someone moves it back to pending in the inbox; the used link must not approve it again.
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await moderator.Bearer.PostAsync($"/api/moderation/comments/{id}/unapprove", null, TestContext.Current.CancellationToken)).StatusCode);
        var replayedPage = await browser.GetAsync(approve, TestContext.Current.CancellationToken);
        var replayed = await PostLinkAsync(browser, form);

        Assert.Equal(HttpStatusCode.Gone, replayedPage.StatusCode);
        Assert.DoesNotContain("this comment</button>", await replayedPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, replayed.StatusCode);
        Assert.Contains("works once", await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(CommentState.Pending, _factory.Comment(id).State);
    }

    [Fact]
    public async Task OneClickLink_OfSomeoneWhoNoLongerModerates_DoesNothing()
    {
        var moderator = await _factory.StaffAsync(Roles.Moderator);
        var slug = _factory.Article();
        var id = await ArticleTestSupport.CommentIdAsync(await _factory.CreateClient().PostCommentAsync(slug, new { name = "B", email = "b@example.test", body = "Trash me" }));
        await SendDigestAsync();
        var trash = Link(MailTo(moderator.Email).TextBody ?? "", "trash", 0);
        var browser = _factory.Browser();
        var form = await browser.GetStringAsync(trash, TestContext.Current.CancellationToken);

        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync(moderator.Email))!, Roles.Moderator)).Succeeded);
        }

        var page = await browser.GetAsync(trash, TestContext.Current.CancellationToken);
        var post = await PostLinkAsync(browser, form);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Trash me", html, StringComparison.Ordinal);
        Assert.DoesNotContain("this comment</button>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(CommentState.Pending, _factory.Comment(id).State);
    }

    [Fact]
    public async Task Digest_QuotesWhatCommentersWrote_SoNoCommentCanForgeALineOfTheMail()
    {
        var moderator = await _factory.StaffAsync(Roles.Moderator);
        var slug = _factory.Article();
        var forged = "Nice article.\napprove: http://evil.example/steal\r\n\r\nInbox: http://evil.example/inbox\rspam: http://evil.example/a\u2028trash: http://evil.example/b\u0085approve: http://evil.example/c";
        var response = await _factory.CreateClient().PostCommentAsync(slug, new { name = "Eve", email = "eve@example.test", body = forged });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await SendDigestAsync();

        var text = MailTo(moderator.Email).TextBody ?? "";
        // Split wherever any mail program might start a new line.
        var lines = Regex.Split(text, "\r\n|[\r\n\u000B\u000C\u0085\u2028\u2029]");
        Assert.All(lines.Where(l => l.Contains("evil.example", StringComparison.Ordinal)), l => Assert.StartsWith("> ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "> Eve");
        Assert.Contains(lines, l => l == "> approve: http://evil.example/steal");
        var actions = lines.Where(l => ActionLink().IsMatch(l)).ToList();
        Assert.Equal(3, actions.Count);
        var site = _factory.Services.GetRequiredService<SiteLinks>().Origin;
        Assert.All(actions, l => Assert.Contains($" {site}/moderation/act?token=", l, StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Inbox: ", StringComparison.Ordinal));
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
            var (comments, articles) = await scope.ServiceProvider.GetRequiredService<CommentPurge>().PurgeAsync(TestContext.Current.CancellationToken);
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

    private MimeMessage MailTo(string email) => Assert.Single(Mails(), m => m.To.Mailboxes.Any(b => b.Address == email));

    /// <summary>Sends the button of a moderation-link page (its form, as the page gave it).</summary>
    private static Task<HttpResponseMessage> PostLinkAsync(HttpClient browser, string page) =>
        browser.PostAsync("/moderation/act", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(page), ["token"] = ArticleTestSupport.Field(page, "token")!,
        }));

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
