using System.Text.Encodings.Web;
using System.Text.Json;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace GutSkin.Web.Features.Articles;

/// <summary>
/// One article, its approved comments and the comment form (post/redirect/get). An old slug answers 301.
/// Sending is rate-limited per IP address; reading is not. Anonymous readers get the page from the
/// output cache (<see cref="BlogCache"/>), so it carries nothing per visitor: no cookie, no antiforgery
/// token (the form acts for no account, so a forged cross-site post could do no more than a direct one).
/// </summary>
[EnableRateLimiting(Policies.Comments)]
[OutputCache(PolicyName = BlogCache.ArticlePolicy)]
[IgnoreAntiforgeryToken]
[ChecksOwnFields]
public sealed class ArticleModel(GutSkinDb db, TimeProvider time, CommentService comments, FormStamp stamps, SiteLinks site) : PageModel
{
    public Article Article { get; private set; } = null!;

    public List<PublicComment> Comments { get; private set; } = [];

    public bool CommentsOpen { get; private set; }

    public CommentPolicy Policy { get; private set; }

    /// <summary>The approved comment the reader chose to answer.</summary>
    public PublicComment? ReplyingTo { get; private set; }

    [BindProperty]
    public CommentForm Input { get; set; } = new();

    /// <summary>After post/redirect/get: "held" or "published".</summary>
    public string? CommentMessage { get; private set; }

    public string Stamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, long? replyTo, string? comment, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } other)
        {
            return other;
        }

        CommentMessage = comment switch
        {
            "held" => "Thank you. Your comment awaits approval: it appears here once a moderator has approved it.",
            "published" => "Thank you. Your comment is published.",
            _ => null,
        };

        ReplyingTo = replyTo is { } id ? Comments.FirstOrDefault(c => c.Id == id && c.ParentId is null) : null;
        Input = new CommentForm { ParentId = ReplyingTo?.Id };
        Stamp = stamps.Issue(Article.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } other)
        {
            return other;
        }

        var result = await comments.SubmitAsync(Article, new CommentSubmission(
            Input.Name, Input.Email, Input.Body, Input.ParentId, HttpContext.Connection.RemoteIpAddress,
            FromForm: true, Honeypot: Input.Website, Stamp: Input.Stamp), ct);
        switch (result.Outcome)
        {
            case SubmitOutcome.Published or SubmitOutcome.Held:
                return Redirect($"/blog/{Article.Slug}?comment={(result.Outcome == SubmitOutcome.Held ? "held" : "published")}#comment-status");
            case SubmitOutcome.Closed:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Stamp = stamps.Issue(Article.Id);
                return Page();
            case SubmitOutcome.Invalid:
            default:
                // A reply to a comment that cannot be answered is shown with the comment's text.
                ModelState.AddErrors(result.Errors, field => field == "parentId" ? "body" : field);
                ReplyingTo = Input.ParentId is { } id ? Comments.FirstOrDefault(c => c.Id == id) : null;
                // The reader has been on the page since the first stamp; keep it so a quick fix is no "too fast".
                Stamp = string.IsNullOrEmpty(Input.Stamp) ? stamps.Issue(Article.Id) : Input.Stamp;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    public string Canonical => site.Absolute($"/blog/{Article.Slug}");

    public string? CoverImageUrl => Article.CoverImagePath is null ? null : site.Absolute(Article.CoverImagePath);

    /// <summary>schema.org Article as JSON; every "&lt;" is escaped, so no text can close the script element.</summary>
    public string JsonLd()
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = Article.Title,
            ["description"] = Article.Excerpt,
            ["datePublished"] = Article.PublishAt?.ToString("O"),
            ["dateModified"] = Article.UpdatedAt.ToString("O"),
            ["url"] = Canonical,
            ["mainEntityOfPage"] = Canonical,
            ["keywords"] = string.Join(", ", Article.Tags),
            ["image"] = CoverImageUrl,
            ["author"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = "GutSkin" },
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = "GutSkin" },
        };
        var json = JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary(), JsonLdOptions);
        return json.Replace("<", "\\u003c", StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (article, movedTo) = await ArticleQueries.FindPublicAsync(db, slug, now, ct);
        if (movedTo is not null)
        {
            return RedirectPermanent($"/blog/{movedTo}{Request.QueryString}");
        }

        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        var settings = await SiteSettingsStore.GetAsync(db, ct);
        (Policy, CommentsOpen) = CommentService.PolicyFor(article, settings, now);
        Comments = await CommentsApi.PublicAsync(db, article.Id, ct);
        return null;
    }
}

/// <summary>What the comment form sends. <see cref="Website"/> is the honeypot: people never see it.</summary>
public sealed class CommentForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Body { get; set; }

    public long? ParentId { get; set; }

    public string? Website { get; set; }

    public string? Stamp { get; set; }
}
