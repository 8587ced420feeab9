using GutSkin.Web.Data;
using GutSkin.Web.Features.Articles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Where a one-click link from the moderators' mail lands. The signed link only shows the comment and
/// a button; the action happens on that button's POST, so link scanners change nothing.
/// </summary>
[AllowAnonymous]
public sealed class ActModel(GutSkinDb db, ModerationLinks links, CommentService comments) : PageModel
{
    public string Token { get; private set; } = "";

    public ModerationAction Action { get; private set; }

    public ModerationComment? Comment { get; private set; }

    public string? Done { get; private set; }

    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) => await LoadAsync(token, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } problem)
        {
            return problem;
        }

        var changed = await comments.ApplyAsync([Comment!.Id], Action, ct);
        Done = changed.Count == 1
            ? $"{ModerationModel.Done(Action)}."
            : $"Nothing changed: the comment is {Comment.State} now, where “{ModerationModel.Label(Action)}” does not apply.";
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? token, CancellationToken ct)
    {
        if (links.Read(token) is not { } link)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Token = token!;
        Action = link.Action;
        var row = await db.Comments.AsNoTracking().Where(c => c.Id == link.CommentId)
            .Select(c => new { c.Id, c.Article!.Slug, c.Article.Title, c.ParentId, c.Name, c.Body, c.State, c.Reasons, c.CreatedAt, c.StateChangedAt, c.FromSite })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        Comment = new ModerationComment(row.Id, row.Slug, row.Title, row.ParentId, row.Name, row.Body, ModerationQueries.StateName(row.State),
            row.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries), row.CreatedAt.AsUtc(), row.StateChangedAt.AsUtc(), row.FromSite);
        return null;
    }
}
