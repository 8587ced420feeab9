using System.Security.Claims;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Comments;

/// <summary>The moderators' inbox: a tab per state with counts, newest first, search, bulk actions and replies as the site.</summary>
[Authorize(Policy = Policies.Moderators)]
public sealed class ModerationModel(GutSkinDb db, CommentService comments) : PageModel
{
    public CommentState State { get; private set; } = CommentState.Pending;

    public string? Query { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public bool More { get; private set; }

    public Dictionary<CommentState, int> Counts { get; private set; } = [];

    public List<ModerationComment> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? state, string? q, int? page, CancellationToken ct)
    {
        if (!ModerationQueries.TryParseState(state ?? "pending", out var parsed) || page is < 1)
        {
            return NotFound();
        }

        State = parsed;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        PageNumber = page ?? 1;
        Counts = await ModerationQueries.CountsAsync(db, ct);
        (Rows, More) = await ModerationQueries.PageAsync(db, State, Query, PageNumber, ct);
        return Page();
    }

    /// <summary>One button on one comment ("12:approve"), or the bulk action on the ticked comments.</summary>
    public async Task<IActionResult> OnPostAsync(string? state, string? q, string? one, string? bulk, long[]? ids, bool all, long[]? pageIds, CancellationToken ct)
    {
        ModerationAction action;
        List<long> targets;
        if (one is { } pick && pick.Split(':') is [var idText, var actionText]
            && long.TryParse(idText, System.Globalization.CultureInfo.InvariantCulture, out var id) && CommentService.TryParseAction(actionText, out action))
        {
            targets = [id];
        }
        else if (bulk is not null && CommentService.TryParseAction(bulk, out action))
        {
            targets = [.. (all ? pageIds : ids) ?? []];
            if (targets.Count == 0)
            {
                Message = "Tick at least one comment, or “All on this page”, for a bulk action.";
                return RedirectToPage(new { state, q });
            }
        }
        else
        {
            Message = "Choose an action.";
            return RedirectToPage(new { state, q });
        }

        var changed = await comments.ApplyAsync(targets, action, ct);
        Message = changed.Count == targets.Count
            ? $"{Done(action)}: {changed.Count} comment{(changed.Count == 1 ? "" : "s")}."
            : $"{Done(action)}: {changed.Count} of {targets.Count}; the others were in a state where that does not apply.";
        return RedirectToPage(new { state, q });
    }

    public async Task<IActionResult> OnPostReplyAsync(long to, string? body, string? state, CancellationToken ct)
    {
        var text = body?.Trim() ?? "";
        if (text.Length is 0 or > CommentRules.MaxBodyLength)
        {
            Message = $"A reply needs 1 to {CommentRules.MaxBodyLength:N0} characters; nothing was sent.";
            return RedirectToPage(new { state });
        }

        var reply = await comments.ReplyAsSiteAsync(to, text, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "moderator", ct);
        Message = reply is null ? "That comment cannot be answered (it is spam, in the trash or gone)." : "Your reply is published as GutSkin.";
        return RedirectToPage(new { state });
    }

    public static string Done(ModerationAction action) => action switch
    {
        ModerationAction.Approve => "Approved",
        ModerationAction.Unapprove => "Moved back to pending",
        ModerationAction.Spam => "Marked as spam",
        ModerationAction.NotSpam => "Marked as not spam",
        ModerationAction.Trash => "Moved to the trash",
        ModerationAction.Restore => "Restored",
    };

    public static string Label(ModerationAction action) => action == ModerationAction.NotSpam ? "Not spam" : action.ToString();

    /// <summary>The actions that apply to comments in <paramref name="state"/>.</summary>
    public static IEnumerable<ModerationAction> ActionsFor(CommentState state) =>
        Enum.GetValues<ModerationAction>().Where(a => CommentService.Transition(state, a) is not null);
}
