using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles;

/// <summary>Finding public articles, shared by the blog pages, the feeds and the API.</summary>
public static class ArticleQueries
{
    public const int PageSize = 10;

    /// <summary>The public article at <paramref name="slug"/>, or the slug it moved to, or neither.</summary>
    public static async Task<(Article? Article, string? MovedTo)> FindPublicAsync(GutSkinDb db, string slug, DateTime nowUtc, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().Public(nowUtc).FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (article is not null)
        {
            return (article, null);
        }

        var moved = await db.ArticleSlugs.AsNoTracking()
            .Where(s => s.OldSlug == slug)
            .Select(s => s.Article!)
            .Public(nowUtc)
            .Select(a => a.Slug)
            .FirstOrDefaultAsync(ct);
        return (null, moved);
    }

    /// <summary>One page of public articles, newest first, optionally with one tag; and whether more follow.</summary>
    public static async Task<(List<Article> Articles, bool More)> PageAsync(GutSkinDb db, DateTime nowUtc, int page, string? tag, CancellationToken ct, int pageSize = PageSize)
    {
        var query = db.Articles.AsNoTracking().Public(nowUtc);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wanted = tag.Trim().ToLowerInvariant();
            query = query.Where(a => a.Tags.Contains(wanted));
        }

        var rows = await query.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize + 1)
            .ToListAsync(ct);
        return (rows.Take(pageSize).ToList(), rows.Count > pageSize);
    }

    public static ArticleSummary Summary(Article a) => new(a.Slug, a.Title, a.Excerpt, a.PublishAt!.Value, a.Tags);
}
