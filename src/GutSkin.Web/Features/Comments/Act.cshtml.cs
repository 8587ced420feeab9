using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Where a one-click link from the moderators' mail lands. The signed link only shows the comment and
/// a button; the action happens on that button's POST, so link scanners change nothing. A link acts once,
/// only while the person it was mailed to still moderates, and never after 72 hours.
/// </summary>
[AllowAnonymous]
public sealed class ActModel(GutSkinDb db, ModerationLinks links, CommentService comments, UserManager<AppUser> users) : PageModel
{
    public string Token { get; private set; } = "";

    public ModerationAction Action { get; private set; }

    public ModerationComment? Comment { get; private set; }

    public string? Done { get; private set; }

    /// <summary>Why the link cannot act (expired, used, its moderator no longer one); null when it can.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct) => await CheckAsync(token, ct) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        if (await CheckAsync(token, ct) is { } refused)
        {
            return refused;
        }

        var link = links.Read(token)!;
        var applied = await comments.ApplyLinkAsync(link, ct);
        // The page shows the comment as it is now: after the button, or after whoever got there first (another request
        // with this link, or a moderator in the inbox).
        await LoadCommentAsync(link.CommentId, ct);
        if (!applied)
        {
            return RefusedAsUsed();
        }

        Done = $"{ModerationModel.Done(Action)}.";
        return Page();
    }

    /// <summary>The page that refuses the link, or null when the link may act.</summary>
    private async Task<IActionResult?> CheckAsync(string? token, CancellationToken ct)
    {
        if (links.Read(token) is not { } link)
        {
            Refused = "This link has expired or is not valid. Links in the moderation mail work for 72 hours; the moderation inbox always works.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Token = token!;
        Action = link.Action;
        if (!await StillModeratesAsync(link.ModeratorId))
        {
            Refused = "This link was mailed to someone who no longer moderates comments, so it does nothing.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (await LoadCommentAsync(link.CommentId, ct) is not { } current)
        {
            return NotFound();
        }

        return current.State != ModerationQueries.StateName(link.State) || current.StateChangedAt != link.StateChangedAt ? RefusedAsUsed() : null;
    }

    private PageResult RefusedAsUsed()
    {
        Refused = $"This link has been used, or the comment has been moderated since: it is {Comment!.State} now. A link in the moderation mail works once.";
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    private async Task<bool> StillModeratesAsync(string moderatorId) =>
        await users.FindByIdAsync(moderatorId) is { } user
        && (await users.IsInRoleAsync(user, Roles.Moderator) || await users.IsInRoleAsync(user, Roles.Admin));

    /// <summary>Reads the comment for the page, as it is now; null when it is gone.</summary>
    private async Task<ModerationComment?> LoadCommentAsync(long id, CancellationToken ct) =>
        Comment = (await ModerationQueries.ListAsync(db.Comments.AsNoTracking().Where(c => c.Id == id), ct)).FirstOrDefault();
}
