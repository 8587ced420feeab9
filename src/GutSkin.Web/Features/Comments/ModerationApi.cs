using System.Text.Json.Nodes;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace GutSkin.Web.Features.Comments;

public static class ModerationApi
{
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/moderation/comments").WithTags("Moderation").RequireAuthorization(Policies.Moderators);
        group.MapGet("/", List)
            .AddOpenApiOperationTransformer((operation, _, _) => ListValues(operation, "state", Enum.GetValues<CommentState>().Select(ModerationQueries.StateName)))
            .WithSummary("Comments in one state (pending by default), newest first: for Moderators and Admins.");
        group.MapPost("/{id:long}/{action}", Act)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) => ListValues(operation, "action", Enum.GetValues<ModerationAction>().Select(CommentService.ActionName)))
            .WithSummary("approve, unapprove, spam, notspam, trash or restore one comment.");
        return app;
    }

    /// <summary>The values a text parameter takes, as an enum in the OpenAPI document.</summary>
    private static Task ListValues(OpenApiOperation operation, string parameter, IEnumerable<string> values)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == parameter)?.Schema is OpenApiSchema schema)
        {
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        return Task.CompletedTask;
    }

    private static async Task<Results<Ok<List<ModerationComment>>, ValidationProblem>> List(string? state, string? q, int? page, GutSkinDb db, CancellationToken ct)
    {
        if (!ModerationQueries.TryParseState(state ?? "pending", out var wanted))
        {
            return Infrastructure.Problems.Field("state", "state is one of pending, approved, spam, trash.");
        }

        if (page is < 1)
        {
            return Infrastructure.Problems.Field("page", "Pages start at 1.");
        }

        var (rows, _) = await ModerationQueries.PageAsync(db, wanted, q, page ?? 1, ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ModerationResult>, NotFound, ValidationProblem, ProblemHttpResult>> Act(long id, string action, GutSkinDb db, CommentService comments, CancellationToken ct)
    {
        if (!CommentService.TryParseAction(action, out var parsed))
        {
            return Infrastructure.Problems.Field("action", "action is one of approve, unapprove, spam, notspam, trash, restore.");
        }

        var state = await db.Comments.Where(c => c.Id == id).Select(c => (CommentState?)c.State).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return TypedResults.NotFound();
        }

        if (CommentService.Transition(state.Value, parsed) is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not possible in this state",
                detail: $"A comment that is {ModerationQueries.StateName(state.Value)} cannot be given '{CommentService.ActionName(parsed)}'.");
        }

        await comments.ApplyAsync([id], parsed, ct);
        var now = await db.Comments.AsNoTracking().Where(c => c.Id == id).Select(c => c.State).FirstAsync(ct);
        return TypedResults.Ok(new ModerationResult(id, ModerationQueries.StateName(now)));
    }
}

public static class ModerationQueries
{
    public const int PageSize = 50;

    public static bool TryParseState(string text, out CommentState state) => CommentRules.TryParseName(text, out state);

    public static string StateName(CommentState state) => state.ToString().ToLowerInvariant();

    public static async Task<Dictionary<CommentState, int>> CountsAsync(GutSkinDb db, CancellationToken ct)
    {
        var counts = await db.Comments.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<CommentState>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>One page of comments in a state, newest first, optionally matching a search in name or text.</summary>
    public static async Task<(List<ModerationComment> Rows, bool More)> PageAsync(GutSkinDb db, CommentState state, string? search, int page, CancellationToken ct)
    {
        var query = db.Comments.AsNoTracking().Where(c => c.State == state);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim().ToLowerInvariant();
            // Translated to SQL LOWER(...) LIKE on both providers; the culture overloads have no translation.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(c => c.Name.ToLower().Contains(q) || c.Body.ToLower().Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var rows = await ListAsync(
            query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize + 1), ct);
        return ([.. rows.Take(PageSize)], rows.Count > PageSize);
    }

    /// <summary>The comments of a query as the moderators see them, in its order.</summary>
    public static async Task<List<ModerationComment>> ListAsync(IQueryable<Comment> query, CancellationToken ct)
    {
        var rows = await query
            .Select(c => new { c.Id, c.Article!.Slug, c.Article.Title, c.ParentId, c.Name, c.Body, c.State, c.Reasons, c.CreatedAt, c.StateChangedAt, c.FromSite })
            .ToListAsync(ct);
        return [.. rows.Select(c => new ModerationComment(c.Id, c.Slug, c.Title, c.ParentId, c.Name, c.Body, StateName(c.State),
            c.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries), c.CreatedAt, c.StateChangedAt, c.FromSite))];
    }
}
