using GutSkin.Web.Data;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles/{slug}/comments").WithTags("Comments").AllowAnonymous();
        group.MapGet("/", List).WithSummary("The approved comments of a published article, oldest first; replies carry parentId.");
        group.MapPost("/", Post)
            .RequireRateLimiting(Policies.Comments)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Leave a comment: 201 when published at once, 202 when held for a moderator, 400 with field errors, 429 over the rate limit.");
        return app;
    }

    private static async Task<Results<Ok<List<PublicComment>>, RedirectHttpResult, NotFound>> List(string slug, GutSkinDb db, TimeProvider time, CancellationToken ct)
    {
        var (article, movedTo) = await ArticleQueries.FindPublicAsync(db, slug, time.GetUtcNow().UtcDateTime, ct);
        if (movedTo is not null)
        {
            return TypedResults.Redirect($"/api/articles/{movedTo}/comments", permanent: true);
        }

        return article is null ? TypedResults.NotFound() : TypedResults.Ok(await PublicAsync(db, article.Id, ct));
    }

    /// <summary>The approved comments of an article, oldest first, projected so no e-mail ever leaves the database.</summary>
    public static async Task<List<PublicComment>> PublicAsync(GutSkinDb db, int articleId, CancellationToken ct)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.State == CommentState.Approved)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.ParentId, c.Name, c.Body, c.CreatedAt, c.FromSite })
            .ToListAsync(ct);
        // A reply whose parent is not public is not shown either.
        var visible = rows.Where(c => c.ParentId is null).Select(c => c.Id).ToHashSet();
        return rows.Where(c => c.ParentId is null || visible.Contains(c.ParentId.Value))
            .Select(c => new PublicComment(c.Id, c.ParentId, c.Name, c.Body, c.CreatedAt, c.FromSite))
            .ToList();
    }

    private static async Task<Results<Created<CommentAccepted>, Accepted<CommentAccepted>, ValidationProblem, NotFound, ProblemHttpResult, RedirectHttpResult>> Post(
        string slug, CommentRequest request, HttpContext http, GutSkinDb db, CommentService comments, TimeProvider time, CancellationToken ct)
    {
        var (article, movedTo) = await ArticleQueries.FindPublicAsync(db, slug, time.GetUtcNow().UtcDateTime, ct);
        if (movedTo is not null)
        {
            // 308: the client sends the same comment to the article's current address.
            return TypedResults.Redirect($"/api/articles/{movedTo}/comments", permanent: true, preserveMethod: true);
        }

        if (article is null)
        {
            return TypedResults.NotFound();
        }

        var result = await comments.SubmitAsync(article, new CommentSubmission(request.Name, request.Email, request.Body, request.ParentId, http.Connection.RemoteIpAddress), ct);
        return result.Outcome switch
        {
            SubmitOutcome.Published => TypedResults.Created($"/blog/{article.Slug}#comment-{result.Comment!.Id}", new CommentAccepted(result.Comment.Id, "published", "Your comment is published.")),
            SubmitOutcome.Held => TypedResults.Accepted($"/blog/{article.Slug}", new CommentAccepted(result.Comment!.Id, "held", "Thank you. Your comment awaits approval by a moderator.")),
            SubmitOutcome.Invalid => TypedResults.ValidationProblem(result.Errors),
            SubmitOutcome.Closed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Comments are closed", detail: "This article does not take comments."),
        };
    }
}
