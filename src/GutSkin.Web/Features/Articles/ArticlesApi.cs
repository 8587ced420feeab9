using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles;

public static class ArticlesApi
{
    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles").WithTags("Articles").AllowAnonymous();
        group.MapGet("/", List).WithSummary("Published articles, newest first (page size 10; ?page=2, ?tag=basics).");
        group.MapGet("/{slug}", Get).WithSummary("One published article with its rendered HTML; an old slug answers 301 to the current one.");
        return app;
    }

    private static async Task<Results<Ok<List<ArticleSummary>>, ValidationProblem>> List(int? page, string? tag, GutSkinDb db, TimeProvider time, CancellationToken ct)
    {
        if (page is < 1)
        {
            return Infrastructure.Problems.Field("page", "Pages start at 1.");
        }

        var (articles, _) = await ArticleQueries.PageAsync(db, time.GetUtcNow().UtcDateTime, page ?? 1, tag, ct);
        return TypedResults.Ok(articles.Select(ArticleQueries.Summary).ToList());
    }

    private static async Task<Results<Ok<ArticleDetail>, RedirectHttpResult, NotFound>> Get(string slug, GutSkinDb db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (article, movedTo) = await ArticleQueries.FindPublicAsync(db, slug, now, ct);
        if (movedTo is not null)
        {
            return TypedResults.Redirect($"/api/articles/{movedTo}", permanent: true);
        }

        if (article is null)
        {
            return TypedResults.NotFound();
        }

        var settings = await SiteSettingsStore.GetAsync(db, ct);
        var count = await db.Comments.CountAsync(c => c.ArticleId == article.Id && c.State == CommentState.Approved, ct);
        return TypedResults.Ok(new ArticleDetail(
            article.Slug, article.Title, article.Excerpt, article.PublishAt!.Value, article.UpdatedAt, article.Tags,
            ArticleRules.ReadingMinutes(article.Markdown), article.Html, article.CoverImagePath, article.CoverImageAlt, count,
            CommentService.PolicyFor(article, settings, now).Open));
    }
}
