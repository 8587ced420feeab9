using System.Net;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Tests.Articles;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Tests.Comments;

public sealed class ModerationTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    public static TheoryData<CommentState, string, CommentState?> Transitions()
    {
        var data = new TheoryData<CommentState, string, CommentState?>();
        var expected = new Dictionary<(CommentState, string), CommentState>
        {
            [(CommentState.Pending, "approve")] = CommentState.Approved,
            [(CommentState.Approved, "unapprove")] = CommentState.Pending,
            [(CommentState.Pending, "spam")] = CommentState.Spam,
            [(CommentState.Approved, "spam")] = CommentState.Spam,
            [(CommentState.Spam, "notspam")] = CommentState.Pending,
            [(CommentState.Pending, "trash")] = CommentState.Trash,
            [(CommentState.Approved, "trash")] = CommentState.Trash,
            [(CommentState.Spam, "trash")] = CommentState.Trash,
            [(CommentState.Trash, "restore")] = CommentState.Pending,
        };
        foreach (var from in Enum.GetValues<CommentState>())
        {
            foreach (var action in new[] { "approve", "unapprove", "spam", "notspam", "trash", "restore" })
            {
                data.Add(from, action, expected.TryGetValue((from, action), out var to) ? to : null);
            }
        }

        return data;
    }

    /// <summary>All 24 pairs of state and action: the nine that apply change the state and its time; the rest are 409 and change nothing.</summary>
    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task EveryStateAndAction(CommentState from, string action, CommentState? to)
    {
        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var id = AddComment(from);
        var before = factory.Comment(id);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var response = await moderator.Bearer.PostAsync($"/api/moderation/comments/{id}/{action}", null, TestContext.Current.CancellationToken);
        var after = factory.Comment(id);
        if (to is { } expected)
        {
            var json = await TestSupport.ReadJsonAsync(response);
            Assert.Equal(expected.ToString().ToLowerInvariant(), json.GetProperty("state").GetString());
            Assert.Equal(expected, after.State);
            Assert.True(after.StateChangedAt > before.StateChangedAt);
        }
        else
        {
            await TestSupport.AssertProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Equal(from, after.State);
            Assert.Equal(before.StateChangedAt, after.StateChangedAt);
        }
    }

    public static TheoryData<string, string> ModerationRoutes => new()
    {
        { "GET", "/api/moderation/comments" },
        { "GET", "/api/moderation/comments?state=spam" },
        { "POST", "/api/moderation/comments/{id}/approve" },
        { "POST", "/api/moderation/comments/{id}/unapprove" },
        { "POST", "/api/moderation/comments/{id}/spam" },
        { "POST", "/api/moderation/comments/{id}/notspam" },
        { "POST", "/api/moderation/comments/{id}/trash" },
        { "POST", "/api/moderation/comments/{id}/restore" },
    };

    [Theory]
    [MemberData(nameof(ModerationRoutes))]
    public async Task ModerationApi_Is401Anonymous_403ForMembers_AndOpenToModeratorsAndAdmins(string method, string route)
    {
        var id = AddComment(CommentState.Pending);
        var url = route.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var member = await factory.SharedMemberAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(CommentState.Pending, factory.Comment(id).State);
        foreach (var role in new[] { Roles.Moderator, Roles.Admin })
        {
            var staff = await factory.SharedStaffAsync(role);
            var status = (await staff.Bearer.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken)).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{role} got {status} from {method} {url}");
        }
    }

    public static TheoryData<string> ModerationPages => ["/moderation", "/moderation?state=spam"];

    [Theory]
    [MemberData(nameof(ModerationPages))]
    public async Task ModerationPage_IsForModeratorsAndAdmins(string path)
    {
        var anonymous = await factory.Browser().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var member = await factory.SharedMemberAsync();
        var denied = await (await factory.CookieClientAsync(member.Email)).GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        foreach (var role in new[] { Roles.Moderator, Roles.Admin })
        {
            var staff = await factory.SharedStaffAsync(role);
            Assert.Equal(HttpStatusCode.OK, (await staff.Cookies.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }

        // A member cannot act through the page either.
        var id = AddComment(CommentState.Pending);
        var memberCookies = await factory.CookieClientAsync(member.Email);
        var post = await memberCookies.PostAsync("/moderation", new FormUrlEncodedContent(new Dictionary<string, string> { ["one"] = $"{id}:approve" }), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(CommentState.Pending, factory.Comment(id).State);
    }

    [Fact]
    public async Task Inbox_ShowsCountsNewestFirst_TheArticle_TheReasons_AndSearches()
    {
        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var marker = Guid.NewGuid().ToString("N");
        var older = AddComment(CommentState.Pending, body: $"older {marker}", reasons: "links: 3 links (more than 2 are held for a moderator)");
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = AddComment(CommentState.Pending, body: $"newer {marker}");
        var html = await moderator.Cookies.GetStringAsync($"/moderation?q={marker}", TestContext.Current.CancellationToken);
        Assert.True(html.IndexOf($"newer {marker}", StringComparison.Ordinal) < html.IndexOf($"older {marker}", StringComparison.Ordinal));
        Assert.Contains("links: 3 links (more than 2 are held for a moderator)", html, StringComparison.Ordinal);
        Assert.Contains("Article for moderation", html, StringComparison.Ordinal);
        var pending = factory.WithDb(db => db.Comments.Count(c => c.State == CommentState.Pending));
        Assert.Contains($"Pending <span class=\"badge\">{pending}</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown@", html, StringComparison.Ordinal);

        var api = await TestSupport.ReadJsonAsync(await moderator.Bearer.GetAsync($"/api/moderation/comments?state=pending&q={marker.ToUpperInvariant()}", TestContext.Current.CancellationToken));
        Assert.Equal([newer, older], api.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal("links: 3 links (more than 2 are held for a moderator)", api[1].GetProperty("reasons")[0].GetString());
        Assert.False(api[0].TryGetProperty("email", out _));
        await TestSupport.AssertProblemAsync(await moderator.Bearer.GetAsync("/api/moderation/comments?state=nonsense", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "state");
        await TestSupport.AssertProblemAsync(await moderator.Bearer.PostAsync($"/api/moderation/comments/{newer}/publish", null, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "action");
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.Bearer.PostAsync("/api/moderation/comments/987654321/approve", null, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Inbox_BulkAndSingleActions_ThroughThePage()
    {
        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var a = AddComment(CommentState.Pending);
        var b = AddComment(CommentState.Pending);
        var c = AddComment(CommentState.Pending);
        var page = await moderator.Cookies.GetStringAsync("/moderation", TestContext.Current.CancellationToken);
        var token = ArticleTestSupport.Antiforgery(page);

        var bulk = await moderator.Cookies.PostAsync("/moderation?state=pending", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("bulk", "approve"), new("ids", a.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ids", b.ToString(System.Globalization.CultureInfo.InvariantCulture))]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.Equal(CommentState.Approved, factory.Comment(a).State);
        Assert.Equal(CommentState.Approved, factory.Comment(b).State);
        Assert.Equal(CommentState.Pending, factory.Comment(c).State);

        var one = await moderator.Cookies.PostAsync("/moderation?state=pending", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("one", $"{c}:spam")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal(CommentState.Spam, factory.Comment(c).State);
        Assert.Contains("Marked as spam: 1 comment.", await moderator.Cookies.GetStringAsync("/moderation?state=pending", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeratorReplyAsTheSite_IsPublic_OneLevel_AndApprovesThePendingComment()
    {
        var moderator = await factory.SharedStaffAsync(Roles.Moderator);
        var comment = AddComment(CommentState.Pending, body: "Does kefir count?");
        var page = await moderator.Cookies.GetStringAsync("/moderation", TestContext.Current.CancellationToken);
        var response = await moderator.Cookies.PostAsync("/moderation?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(page), ["to"] = comment.ToString(System.Globalization.CultureInfo.InvariantCulture), ["body"] = "Yes, log it as fermented foods.",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CommentState.Approved, factory.Comment(comment).State);
        var reply = factory.WithDb(db => db.Comments.AsNoTracking().Single(c => c.ParentId == comment));
        Assert.True(reply.FromSite);
        Assert.Equal(CommentState.Approved, reply.State);
        Assert.Equal("GutSkin", reply.Name);
        var slug = factory.WithDb(db => db.Comments.Where(c => c.Id == comment).Select(c => c.Article!.Slug).Single());
        var html = await factory.CreateClient().GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken);
        Assert.Contains("Yes, log it as fermented foods.", html, StringComparison.Ordinal);
        Assert.Contains("GutSkin team", html, StringComparison.Ordinal);
        Assert.DoesNotContain(moderator.Email, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_MakesAMemberAModerator_AndTakesTheRoleBack()
    {
        var admin = await factory.SharedStaffAsync(Roles.Admin);
        var member = await factory.MemberAsync();
        async Task<HttpResponseMessage> PostAsync(string handler)
        {
            var page = await admin.Cookies.GetStringAsync("/admin/comments");
            return await admin.Cookies.PostAsync($"/admin/comments?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(page), ["email"] = member.Email,
            }));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("AddModerator")).StatusCode);
        Assert.Contains(member.Email, await admin.Cookies.GetStringAsync("/admin/comments", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var asModerator = await factory.CookieClientAsync(member.Email);
        Assert.Equal(HttpStatusCode.OK, (await asModerator.GetAsync("/moderation", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("RemoveModerator")).StatusCode);
        var again = await factory.CookieClientAsync(member.Email);
        var denied = await again.GetAsync("/moderation", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private long AddComment(CommentState state, string? body = null, string reasons = "") => factory.WithDb(db =>
    {
        var articleId = db.Articles.Where(a => a.Slug == "moderation-article").Select(a => (int?)a.Id).FirstOrDefault()
            ?? factory.AddArticle("moderation-article", title: "Article for moderation");
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            ArticleId = articleId,
            Name = "Reader",
            Email = $"never-shown@{Guid.NewGuid():N}.example",
            Body = body ?? $"Comment {Guid.NewGuid():N}",
            State = state,
            Reasons = reasons,
            CreatedAt = now,
            StateChangedAt = now,
        };
        db.Comments.Add(comment);
        db.SaveChanges();
        return comment.Id;
    });
}
