using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles;

/// <summary>
/// At start-up: the site settings row, and the starter article when the site has no article at all.
/// A plain insert rather than model seed data, so the article stays the admin's to edit or delete.
/// </summary>
public static class ArticleSeeding
{
    public static async Task SeedAsync(IServiceProvider sp, CancellationToken ct = default)
    {
        var db = sp.GetRequiredService<GutSkinDb>();
        await SiteSettingsStore.GetAsync(db, ct);
        if (await db.Articles.IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.Articles.Add(new Article
        {
            Slug = StarterArticle.Slug,
            Title = StarterArticle.Title,
            Markdown = StarterArticle.Markdown,
            Html = ArticleRenderer.Render(StarterArticle.Markdown),
            Excerpt = StarterArticle.Excerpt,
            Tags = [.. StarterArticle.Tags],
            Status = ArticleStatus.Published,
            PublishAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded it at the same moment: the unique slug kept one copy.
        }
    }
}
