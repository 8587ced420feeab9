using System.Globalization;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles.Admin;

/// <summary>What the article form sends; text as typed, so a rejected form comes back unchanged.</summary>
public sealed class ArticleForm
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Excerpt { get; set; }

    public string? Tags { get; set; }

    public string? Markdown { get; set; }

    public string? CoverImageAlt { get; set; }

    public bool RemoveCover { get; set; }

    /// <summary>"" follows the site's policy; else disabled, moderated or autopublish.</summary>
    public string? CommentPolicy { get; set; }

    public string? CloseCommentsAfterDays { get; set; }

    /// <summary>yyyy-MM-ddTHH:mm in UTC, from a datetime-local input; empty means "now" when publishing.</summary>
    public string? PublishAt { get; set; }
}

/// <summary>Write or edit an article in Markdown: preview, save as draft, publish now or at a date.</summary>
[Authorize(Policy = Policies.Admins)]
[RequestSizeLimit(CoverImages.MaxBytes + ArticleRules.MaxMarkdownLength * 4 + 64 * 1024)]
[ChecksOwnFields]
public sealed class EditModel(GutSkinDb db, TimeProvider time, CoverImages images, BlogCache cache) : PageModel
{
    public int? Id { get; private set; }

    public Article? Existing { get; private set; }

    [BindProperty]
    public ArticleForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Cover { get; set; }

    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null)
        {
            return Page();
        }

        Existing = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (Existing is null)
        {
            return NotFound();
        }

        Id = id;
        Input = new ArticleForm
        {
            Title = Existing.Title,
            Slug = Existing.Slug,
            Excerpt = Existing.Excerpt,
            Tags = string.Join(", ", Existing.Tags),
            Markdown = Existing.Markdown,
            CoverImageAlt = Existing.CoverImageAlt,
            CommentPolicy = Existing.CommentPolicy?.ToString().ToLowerInvariant() ?? "",
            CloseCommentsAfterDays = Existing.CloseCommentsAfterDays?.ToString(CultureInfo.InvariantCulture),
            PublishAt = Existing.PublishAt?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        };
        return Page();
    }

    /// <summary><paramref name="intent"/> is preview, draft or publish.</summary>
    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken ct)
    {
        Article? article = null;
        if (id is not null)
        {
            article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (article is null)
            {
                return NotFound();
            }

            Id = id;
            Existing = article;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var title = Input.Title?.Trim() ?? "";
        var markdown = (Input.Markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (intent == "preview")
        {
            PreviewHtml = ArticleRenderer.Render(markdown);
            return Page();
        }

        if (title.Length is 0 or > ArticleRules.MaxTitleLength)
        {
            ModelState.AddModelError("title", $"A title of 1 to {ArticleRules.MaxTitleLength} characters is required.");
        }

        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? ArticleRules.Slugify(title) : Input.Slug.Trim();
        if (!ArticleRules.IsSlug(slug))
        {
            ModelState.AddModelError("slug", "A slug is lower-case letters and digits joined by single hyphens, e.g. the-gut-skin-axis.");
        }
        else if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != (id ?? 0), ct))
        {
            ModelState.AddModelError("slug", "Another article has this slug.");
        }

        if (markdown.Trim().Length == 0 || markdown.Length > ArticleRules.MaxMarkdownLength)
        {
            ModelState.AddModelError("markdown", $"The article text is required (up to {ArticleRules.MaxMarkdownLength:N0} characters).");
        }

        var excerpt = string.IsNullOrWhiteSpace(Input.Excerpt) ? ArticleRules.ExcerptFrom(markdown) : Input.Excerpt.Trim();
        if (excerpt.Length > ArticleRules.MaxExcerptLength)
        {
            ModelState.AddModelError("excerpt", $"An excerpt can be up to {ArticleRules.MaxExcerptLength} characters.");
        }

        var tags = ArticleRules.ParseTags(Input.Tags);
        if (tags.Count > ArticleRules.MaxTags || tags.Any(t => t.Length > ArticleRules.MaxTagLength))
        {
            ModelState.AddModelError("tags", $"Up to {ArticleRules.MaxTags} tags, separated by commas, each up to {ArticleRules.MaxTagLength} characters.");
        }

        var policy = Optional<CommentPolicy>(Input.CommentPolicy, "commentPolicy", "Choose a comment policy from the list.", t =>
            CommentRules.TryParseName<CommentPolicy>(t, out var parsed) ? parsed : null);
        var closeAfter = Optional(Blank(Input.CloseCommentsAfterDays), "closeCommentsAfterDays", CommentRules.CloseAfterDaysProblem, CommentRules.CloseAfterDays);
        var publishAt = Optional(Blank(Input.PublishAt), "publishAt", "A date and time like 2026-07-01T09:00 (UTC).", t =>
            DateTime.TryParseExact(t, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) && at.Year is >= 2000 and <= 2200
                ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null);

        var alt = Input.CoverImageAlt?.Trim();
        string? coverPath = Input.RemoveCover ? null : article?.CoverImagePath;
        if (Cover is { Length: > 0 } && ModelState.ErrorCount == 0)
        {
            var (path, error) = await images.SaveAsync(Cover, ct);
            if (error is not null)
            {
                ModelState.AddModelError("cover", error);
            }

            coverPath = path ?? coverPath;
        }

        if (coverPath is not null && string.IsNullOrEmpty(alt))
        {
            ModelState.AddModelError("coverImageAlt", "Describe the cover image for people who cannot see it.");
        }
        else if (alt?.Length > ArticleRules.MaxAltLength)
        {
            ModelState.AddModelError("coverImageAlt", $"Alt text can be up to {ArticleRules.MaxAltLength} characters.");
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (article is not null && article.Slug != slug)
        {
            // The old address keeps working: a 301 to the new one.
            db.ArticleSlugs.Add(new ArticleSlugHistory { OldSlug = article.Slug, ArticleId = article.Id, ChangedAt = now });
        }

        article ??= db.Articles.Add(new Article
        {
            Slug = slug,
            Title = title,
            Markdown = markdown,
            Html = "",
            Excerpt = excerpt,
            Status = ArticleStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        }).Entity;

        await db.ArticleSlugs.Where(s => s.OldSlug == slug).ExecuteDeleteAsync(ct);
        article.Slug = slug;
        article.Title = title;
        article.Markdown = markdown;
        article.Html = ArticleRenderer.Render(markdown);
        article.Excerpt = excerpt;
        article.Tags = tags;
        article.CoverImagePath = coverPath;
        article.CoverImageAlt = coverPath is null ? null : alt;
        article.CommentPolicy = policy;
        article.CloseCommentsAfterDays = closeAfter;
        article.UpdatedAt = now;
        article.Status = intent == "publish" ? ArticleStatus.Published : ArticleStatus.Draft;
        article.PublishAt = intent == "publish" ? publishAt ?? now : publishAt;

        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        TempData["Message"] = article.Status == ArticleStatus.Draft ? $"“{title}” is saved as a draft."
            : article.PublishAt > now ? $"“{title}” will be published on {article.PublishAt:d MMM yyyy HH:mm} UTC."
            : $"“{title}” is published.";
        return Redirect("/admin/articles");
    }

    /// <summary>An optional field's value: null when it is empty, or when it does not read (with <paramref name="message"/> on <paramref name="field"/>).</summary>
    private T? Optional<T>(string? text, string field, string message, Func<string, T?> read)
        where T : struct
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var value = read(text);
        if (value is null)
        {
            ModelState.AddModelError(field, message);
        }

        return value;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
