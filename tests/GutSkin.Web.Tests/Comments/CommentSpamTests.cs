using System.Net;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Tests.Articles;

namespace GutSkin.Web.Tests.Comments;

/// <summary>Posting comments through the API and the form, and every spam rule with the reason it stores.</summary>
public sealed class CommentSpamTests(ArticlesFactory factory) : IClassFixture<ArticlesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static object Body(string text, string? email = null, string name = "Ann") => new { name, email = email ?? $"{Guid.NewGuid():N}@example.test", body = text };

    [Fact]
    public async Task Moderated_Is202Held_PendingWithoutReasons_AndNotPublic()
    {
        var slug = factory.Article();
        var response = await _client.PostCommentAsync(slug, Body("A held comment."));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = await TestSupport.ReadJsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("held", json.GetProperty("state").GetString());
        var comment = factory.Comment(json.GetProperty("id").GetInt64());
        Assert.Equal(CommentState.Pending, comment.State);
        Assert.Equal("", comment.Reasons);
        Assert.Equal(0, (await TestSupport.ReadJsonAsync(await _client.GetAsync($"/api/articles/{slug}/comments", TestContext.Current.CancellationToken))).GetArrayLength());
        Assert.DoesNotContain("A held comment.", await _client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoPublish_Is201_ApprovedAndPublic()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        var response = await _client.PostCommentAsync(slug, Body("Published at once."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(CommentState.Approved, factory.Comment(await ArticleTestSupport.CommentIdAsync(response)).State);
        var list = await TestSupport.ReadJsonAsync(await _client.GetAsync($"/api/articles/{slug}/comments", TestContext.Current.CancellationToken));
        Assert.Equal("Published at once.", list[0].GetProperty("body").GetString());
        Assert.Contains("Published at once.", await _client.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitePolicy_AppliesWhenTheArticleHasNone_AndDisabledOrClosedRefuses()
    {
        var disabled = factory.Article(CommentPolicy.Disabled);
        var refused = await _client.PostCommentAsync(disabled, Body("No."));
        await TestSupport.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("Comments are closed", await _client.GetStringAsync($"/blog/{disabled}", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var closing = factory.AddArticleSlug(publishAt: factory.Time.GetUtcNow().UtcDateTime.AddDays(-10), closeAfterDays: 7);
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(closing, Body("Too late.")), HttpStatusCode.Forbidden);
        var open = factory.AddArticleSlug(publishAt: factory.Time.GetUtcNow().UtcDateTime.AddDays(-6), closeAfterDays: 7);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostCommentAsync(open, Body("In time."))).StatusCode);
    }

    [Fact]
    public async Task MissingOrBadFields_Are400WithFieldErrors_AndStoreNothing()
    {
        var slug = factory.Article();
        var before = factory.WithDb(db => db.Comments.Count());
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(slug, new { name = "", email = "not-an-address", body = " " }), HttpStatusCode.BadRequest, "name", "email", "body");
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(slug, new { name = new string('n', 81), email = "a@example.test", body = "x" }), HttpStatusCode.BadRequest, "name");
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(slug, new { name = "Ann", email = "a@example.test", body = "x", parentId = 999_999 }), HttpStatusCode.BadRequest, "parentId");
        await TestSupport.AssertProblemAsync(await _client.PostAsync($"/api/articles/{slug}/comments", TestSupport.Json("{\"name\": 5"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        Assert.Equal(before, factory.WithDb(db => db.Comments.Count()));
    }

    [Fact]
    public async Task BodyOver5000Characters_Is400_And5000IsFine()
    {
        var slug = factory.Article();
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(slug, Body(new string('a', 5001))), HttpStatusCode.BadRequest, "body");
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostCommentAsync(slug, Body(new string('b', 5000)))).StatusCode);
    }

    [Fact]
    public async Task MoreThanTwoLinks_IsHeldEvenUnderAutoPublish_WithItsReason()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        var two = await _client.PostCommentAsync(slug, Body("See https://a.example and http://b.example"));
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        var three = await _client.PostCommentAsync(slug, Body("See https://a.example, http://b.example and www.c.example"));
        Assert.Equal(HttpStatusCode.Accepted, three.StatusCode);
        var comment = factory.Comment(await ArticleTestSupport.CommentIdAsync(three));
        Assert.Equal(CommentState.Pending, comment.State);
        Assert.StartsWith("links: 3 links", comment.Reasons, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("casino", "Ann", "Win at the CASINO today", null, "blocklist: the word “casino” is blocked")]
    [InlineData("bad@spam.example", "Ann", "Hello", "bad@spam.example", "blocklist: the sender's e-mail address is blocked")]
    [InlineData("@spamdomain.example", "Ann", "Hello", "anyone@spamdomain.example", "blocklist: the sender's e-mail address is blocked")]
    [InlineData("203.0.113.9", "Ann", "Hello", null, "blocklist: the sender's IP address is blocked")]
    public async Task Blocklist_WordEmailOrIp_IsSpam_WithItsReason(string entry, string name, string body, string? email, string reason)
    {
        factory.SetSettings(s => s.Blocklist = $"# spam sources\nsomething-else\n{entry}");
        try
        {
            var slug = factory.Article(CommentPolicy.AutoPublish);
            var response = await _client.PostCommentAsync(slug, Body(body + " " + Guid.NewGuid(), email, name), ip: "203.0.113.9");
            // The sender is not told: spam looks held.
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var comment = factory.Comment(await ArticleTestSupport.CommentIdAsync(response));
            Assert.Equal(CommentState.Spam, comment.State);
            Assert.Equal(reason, comment.Reasons);
        }
        finally
        {
            factory.SetSettings(s => s.Blocklist = "");
        }
    }

    /// <summary>Ways to write a blocked word so that it reads the same and compares different, each a known spammer trick.</summary>
    [Theory]
    [InlineData("Win at the cas\u200Bino today", "casino")] // zero-width space
    [InlineData("Win at the ca\u00ADsino today", "casino")] // soft hyphen
    [InlineData("Win at the c\u200Da\u2060sino today", "casino")] // zero-width joiner, word joiner
    [InlineData("Win at the cas\uFEFFino today", "casino")] // zero-width no-break space
    [InlineData("Win at the cas\u202Eino today", "casino")] // right-to-left override
    [InlineData("Win at the cas\u034Fino today", "casino")] // combining grapheme joiner
    [InlineData("Win at the cas\u3164ino today", "casino")] // Hangul filler
    [InlineData("Win at the \uFF43\uFF41\uFF53\uFF49\uFF4E\uFF4F today", "casino")] // full-width letters
    [InlineData("Win at the \U0001D41C\U0001D41A\U0001D42C\U0001D422\U0001D427\U0001D428 today", "casino")] // mathematical bold
    [InlineData("Win at the \u24D2\u24D0\u24E2\u24D8\u24DD\u24DE today", "casino")] // circled letters
    [InlineData("Win at the \u0441\u0430sino today", "casino")] // Cyrillic es and a
    [InlineData("Win at the ca\u0455\u0456no today", "casino")] // Cyrillic dze and Byelorussian-Ukrainian i
    [InlineData("Win at the casin\u03BF today", "casino")] // Greek omicron
    [InlineData("WIN AT THE CAS\u0406NO TODAY", "casino")] // capitals with a Cyrillic I
    [InlineData("Win at the \u1D04asino today", "casino")] // small capital C
    [InlineData("Win at the cas\u0131no today", "casino")] // dotless i
    [InlineData("Win at the casin0 today", "casino")] // digit zero
    [InlineData("Win at the c\u0338asino today", "casino")] // combining overlay
    [InlineData("Cheap v\u0456\u0430gr\u0430 here", "viagra")] // Cyrillic i and a
    [InlineData("Cheap \u24E5\u24D8\u24D0\u24D6\u24E1\u24D0 here", "viagra")] // circled letters
    public async Task Blocklist_LookAlikeSpellingOfABlockedWord_IsSpam(string body, string word)
    {
        factory.SetSettings(s => s.Blocklist = "casino\nviagra\ncrypto");
        try
        {
            var slug = factory.Article(CommentPolicy.AutoPublish);
            var response = await _client.PostCommentAsync(slug, Body(body + " " + Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var comment = factory.Comment(await ArticleTestSupport.CommentIdAsync(response));
            Assert.Equal(CommentState.Spam, comment.State);
            Assert.Equal($"blocklist: the word “{word}” is blocked", comment.Reasons);
        }
        finally
        {
            factory.SetSettings(s => s.Blocklist = "");
        }
    }

    [Theory]
    [InlineData("The casing of my kefir jar cracked", "Ann")]
    [InlineData("Vinegar with viable, agrarian produce", "Ann")]
    [InlineData("A cryptic rash on my arm", "Ann")]
    [InlineData("A cassava and quinoa bowl", "Ann")]
    [InlineData("Crème fraîche and café au lait, no reaction", "Zoë")]
    [InlineData("Привет, у меня экзема на руках", "Мария")]
    [InlineData("Καλημέρα, το δέρμα μου είναι καλύτερα", "Ελένη")]
    [InlineData("ｃａｓｕａｌ notes in full-width", "Ann")]
    public async Task Blocklist_OrdinaryWords_AreNotHeld(string body, string name)
    {
        factory.SetSettings(s => s.Blocklist = "casino\nviagra\ncrypto");
        try
        {
            var slug = factory.Article(CommentPolicy.AutoPublish);
            var response = await _client.PostCommentAsync(slug, Body(body + " " + Guid.NewGuid(), name: name));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var comment = factory.Comment(await ArticleTestSupport.CommentIdAsync(response));
            Assert.Equal(CommentState.Approved, comment.State);
            Assert.Equal("", comment.Reasons);
        }
        finally
        {
            factory.SetSettings(s => s.Blocklist = "");
        }
    }

    [Fact]
    public async Task Blocklist_LookAlikeWordInTheName_IsSpam_AndAnInvisibleEntryBlocksNothing()
    {
        factory.SetSettings(s => s.Blocklist = "casino\n\u200B\u200D");
        try
        {
            var slug = factory.Article(CommentPolicy.AutoPublish);
            var spam = await _client.PostCommentAsync(slug, Body("Hello " + Guid.NewGuid(), name: "\u0421\u0410SINO King"));
            Assert.Equal(CommentState.Spam, factory.Comment(await ArticleTestSupport.CommentIdAsync(spam)).State);
            var fine = await _client.PostCommentAsync(slug, Body("Hello " + Guid.NewGuid()));
            Assert.Equal(CommentState.Approved, factory.Comment(await ArticleTestSupport.CommentIdAsync(fine)).State);
        }
        finally
        {
            factory.SetSettings(s => s.Blocklist = "");
        }
    }

    [Fact]
    public async Task Duplicate_IsRejected400_AndKeptInTrashWithItsReason()
    {
        var slug = factory.Article();
        var first = await _client.PostCommentAsync(slug, Body("Exactly this.", "dup@example.test"), ip: "198.51.100.1");
        var firstId = await ArticleTestSupport.CommentIdAsync(first);
        var again = await _client.PostCommentAsync(slug, Body("Exactly this.", "dup@example.test"), ip: "198.51.100.1");
        await TestSupport.AssertProblemAsync(again, HttpStatusCode.BadRequest, "body");
        var stored = factory.Comment(factory.LatestCommentId());
        Assert.Equal(CommentState.Trash, stored.State);
        Assert.Equal($"duplicate: the same text as comment #{firstId}, sent within 24 hours", stored.Reasons);

        // Same text from the same address under another e-mail is a duplicate too; from elsewhere it is not.
        await TestSupport.AssertProblemAsync(await _client.PostCommentAsync(slug, Body("Exactly this.", "other@example.test"), ip: "198.51.100.1"), HttpStatusCode.BadRequest, "body");
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostCommentAsync(slug, Body("Exactly this.", "third@example.test"), ip: "198.51.100.2")).StatusCode);
    }

    [Fact]
    public async Task IpAddress_IsStoredOnlyAsAKeyedHash()
    {
        var slug = factory.Article();
        var a = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, Body("one"), ip: "192.0.2.44"));
        var b = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, Body("two"), ip: "192.0.2.44"));
        var c = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, Body("three"), ip: "192.0.2.45"));
        var hash = factory.Comment(a).IpHash!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, factory.Comment(b).IpHash);
        Assert.NotEqual(hash, factory.Comment(c).IpHash);
        // Not a plain hash an attacker could compute over every IPv4 address.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("192.0.2.44"u8)), hash);
        var everything = factory.WithDb(db => string.Join('|', db.Comments.Select(x => x.Name + x.Email + x.Body + x.Reasons + x.IpHash)));
        Assert.DoesNotContain("192.0.2.44", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_PostRedirectGet_SaysTheCommentAwaitsApproval()
    {
        var slug = factory.Article();
        var browser = factory.Browser(ip: "192.0.2.80");
        var response = await factory.SendCommentFormAsync(browser, slug, "Reader", "reader@example.test", "A thoughtful comment.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/blog/{slug}?comment=held#comment-status", response.Headers.Location!.OriginalString);
        var page = await browser.GetStringAsync(response.Headers.Location.OriginalString, TestContext.Current.CancellationToken);
        Assert.Contains("Your comment awaits approval", page, StringComparison.Ordinal);
        Assert.DoesNotContain("A thoughtful comment.", page, StringComparison.Ordinal);
        var comment = factory.Comment(factory.LatestCommentId());
        Assert.Equal(CommentState.Pending, comment.State);
        Assert.Equal("", comment.Reasons);
        Assert.DoesNotContain("Your comment awaits approval", await browser.GetStringAsync($"/blog/{slug}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_FieldErrors_KeepWhatTheReaderTyped()
    {
        var slug = factory.Article();
        var browser = factory.Browser();
        var before = factory.WithDb(db => db.Comments.Count());
        var response = await factory.SendCommentFormAsync(browser, slug, "Typed <name>", "not an address", "My long\ncomment & more");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("value=\"Typed &lt;name&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", html, StringComparison.Ordinal);
        Assert.Contains(">My long&#xA;comment &amp; more</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("That does not look like an e-mail address.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, factory.WithDb(db => db.Comments.Count()));
    }

    [Fact]
    public async Task Form_Honeypot_IsSpam_WithItsReason_ButTheSenderSeesHeld()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        var browser = factory.Browser();
        var response = await factory.SendCommentFormAsync(browser, slug, "Bot", "bot@example.test", "Buy now " + Guid.NewGuid(), honeypot: "https://spam.example");
        Assert.Equal($"/blog/{slug}?comment=held#comment-status", response.Headers.Location!.OriginalString);
        var comment = factory.Comment(factory.LatestCommentId());
        Assert.Equal(CommentState.Spam, comment.State);
        Assert.Equal("honeypot: the hidden website field was filled in", comment.Reasons);
    }

    [Fact]
    public async Task Form_SentSoonerThan3Seconds_IsSpam_WithItsReason()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        var response = await factory.SendCommentFormAsync(factory.Browser(), slug, "Quick", "quick@example.test", "Fast " + Guid.NewGuid(), wait: TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var comment = factory.Comment(factory.LatestCommentId());
        Assert.Equal(CommentState.Spam, comment.State);
        Assert.Equal("too-fast: sent 1.5 s after the form was served (minimum 3 s)", comment.Reasons);

        await factory.SendCommentFormAsync(factory.Browser(), slug, "Patient", "patient@example.test", "Slow " + Guid.NewGuid(), wait: TimeSpan.FromSeconds(3));
        Assert.Equal(CommentState.Approved, factory.Comment(factory.LatestCommentId()).State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forged-stamp")]
    public async Task Form_MissingOrForgedStamp_IsSpam_WithItsReason(string stamp)
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        await factory.SendCommentFormAsync(factory.Browser(), slug, "Forger", "forger@example.test", "Stamp " + Guid.NewGuid(), stamp: stamp);
        var comment = factory.Comment(factory.LatestCommentId());
        Assert.Equal(CommentState.Spam, comment.State);
        Assert.Equal("form-stamp: the form's timestamp was missing or not signed by this site", comment.Reasons);
    }

    [Fact]
    public async Task Replies_GoOneLevelDeep()
    {
        var slug = factory.Article(CommentPolicy.AutoPublish);
        var top = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, Body("Top")));
        var reply = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, new { name = "B", email = "b@example.test", body = "Reply", parentId = top }));
        var replyToReply = await ArticleTestSupport.CommentIdAsync(await _client.PostCommentAsync(slug, new { name = "C", email = "c@example.test", body = "Deeper", parentId = reply }));
        Assert.Equal(top, factory.Comment(reply).ParentId);
        Assert.Equal(top, factory.Comment(replyToReply).ParentId);
    }
}

public sealed class CommentRateLimitTests(SmallRateLimitFactory factory) : IClassFixture<SmallRateLimitFactory>
{
    [Fact]
    public async Task BeyondTheLimitPerIp_Is429WithRetryAfter_AndOtherAddressesAndReadingStillWork()
    {
        var slug = factory.Article();
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostCommentAsync(slug, new { name = "A", email = "a@example.test", body = $"n{i}" }, ip: "192.0.2.200")).StatusCode);
        }

        var limited = await client.PostCommentAsync(slug, new { name = "A", email = "a@example.test", body = "n3" }, ip: "192.0.2.200");
        await TestSupport.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var before = factory.WithDb(db => db.Comments.Count());

        // The form shares the limit.
        var form = await factory.SendCommentFormAsync(factory.Browser(ip: "192.0.2.200"), slug, "A", "a@example.test", "form");
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.True(form.Headers.Contains("Retry-After"));
        Assert.Equal(before, factory.WithDb(db => db.Comments.Count()));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/blog/{slug}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostCommentAsync(slug, new { name = "B", email = "b@example.test", body = "other" }, ip: "192.0.2.201")).StatusCode);
    }

    [Fact]
    public async Task RefusedCommentForm_IsTheSitesOwnPage_WithTheWaitAndAWayBackToTheArticle()
    {
        var slug = factory.Article();
        var browser = factory.Browser(ip: "192.0.2.210");
        for (var i = 0; i < 3; i++)
        {
            await factory.SendCommentFormAsync(browser, slug, "A", "a@example.test", $"form {i}");
        }

        var refused = await factory.SendCommentFormAsync(browser, slug, "A", "a@example.test", "one too many");
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Too many requests</h1>", html, StringComparison.Ordinal);
        Assert.Matches(@"Please wait [1-9]\d* minute\(s\) and try again\.", html);
        Assert.Contains($"href=\"/blog/{slug}\"", html, StringComparison.Ordinal);
    }
}
