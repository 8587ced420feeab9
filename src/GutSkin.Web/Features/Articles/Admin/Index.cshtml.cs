using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles.Admin;

public sealed record AdminArticleRow(int Id, string Slug, string Title, ArticleStatus Status, DateTime? PublishAt, DateTime UpdatedAt, DateTime? DeletedAt, int Approved, int Pending);

/// <summary>Every article, whatever its state: publish, unpublish, delete (recoverable for 30 days) and restore.</summary>
[Authorize(Policy = Policies.Admins)]
public sealed class IndexModel(GutSkinDb db, TimeProvider time, BlogCache cache) : PageModel
{
    public List<AdminArticleRow> Articles { get; private set; } = [];

    public DateTime Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Articles = await db.Articles.AsNoTracking()
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new AdminArticleRow(a.Id, a.Slug, a.Title, a.Status, a.PublishAt, a.UpdatedAt, a.DeletedAt,
                a.Comments.Count(c => c.State == CommentState.Approved), a.Comments.Count(c => c.State == CommentState.Pending)))
            .ToListAsync(ct);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, (a, now) => (a.Status, a.PublishAt) = (ArticleStatus.Published, now), a => $"“{a.Title}” is published.", ct);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, (a, _) => a.Status = ArticleStatus.Draft, a => $"“{a.Title}” is a draft again; readers no longer see it.", ct);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, (a, now) => a.DeletedAt = now, a => $"“{a.Title}” is deleted. You can restore it for 30 days.", ct);

    public Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, (a, _) => a.DeletedAt = null, a => $"“{a.Title}” is restored.", ct);

    private async Task<IActionResult> ChangeAsync(int id, Action<Article, DateTime> change, Func<Article, string> message, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        change(article, now);
        Message = message(article);
        article.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return RedirectToPage();
    }

    public static (string Text, string Css) StatusOf(AdminArticleRow a, DateTime now) =>
        a.DeletedAt is not null ? ("Deleted", "deleted")
        : a.Status == ArticleStatus.Draft ? ("Draft", "draft")
        : a.PublishAt > now ? ("Scheduled", "scheduled")
        : ("Published", "published");
}
