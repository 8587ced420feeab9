using System.Globalization;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Comments;

/// <summary>The site's comment policy, when comments close, and the blocklist.</summary>
[Authorize(Policy = Policies.Admins)]
[ChecksOwnFields]
public sealed class SettingsModel(GutSkinDb db, BlogCache cache, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public string Policy { get; set; } = "moderated";

    [BindProperty]
    public string? CloseAfterDays { get; set; }

    [BindProperty]
    public string? Blocklist { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Everyone with the Moderator role, by e-mail.</summary>
    public List<string> Moderators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Moderators = (await users.GetUsersInRoleAsync(Roles.Moderator)).Select(u => u.Email ?? u.UserName ?? u.Id).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var settings = await SiteSettingsStore.GetAsync(db, ct);
        Policy = settings.CommentPolicy.ToString().ToLowerInvariant();
        CloseAfterDays = settings.CloseCommentsAfterDays?.ToString(CultureInfo.InvariantCulture);
        Blocklist = settings.Blocklist;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await SiteSettingsStore.GetAsync(db, ct);
        if (!CommentRules.TryParseName<CommentPolicy>(Policy, out var policy))
        {
            ModelState.AddModelError("policy", "Choose a policy from the list.");
        }

        var days = string.IsNullOrWhiteSpace(CloseAfterDays) ? null : CommentRules.CloseAfterDays(CloseAfterDays);
        if (days is null && !string.IsNullOrWhiteSpace(CloseAfterDays))
        {
            ModelState.AddModelError("closeAfterDays", CommentRules.CloseAfterDaysProblem);
        }

        var blocklist = (Blocklist ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (blocklist.Length > 20_000)
        {
            ModelState.AddModelError("blocklist", "The blocklist can be up to 20,000 characters.");
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Moderators = (await users.GetUsersInRoleAsync(Roles.Moderator)).Select(u => u.Email ?? u.UserName ?? u.Id).Order(StringComparer.OrdinalIgnoreCase).ToList();
            return Page();
        }

        settings.CommentPolicy = policy;
        settings.CloseCommentsAfterDays = days;
        settings.Blocklist = blocklist;
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        Message = "Comment settings saved.";
        return RedirectToPage();
    }

    /// <summary>Gives an existing account the Moderator role; roles reach a session at its next login.</summary>
    public async Task<IActionResult> OnPostAddModeratorAsync(string? email)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            Message = "No account has that e-mail address. The person must register first.";
        }
        else if (await users.IsInRoleAsync(user, Roles.Moderator))
        {
            Message = $"{user.Email} is already a moderator.";
        }
        else
        {
            await users.AddToRoleAsync(user, Roles.Moderator);
            Message = $"{user.Email} is a moderator from their next login.";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveModeratorAsync(string? email)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is not null && await users.IsInRoleAsync(user, Roles.Moderator))
        {
            await users.RemoveFromRoleAsync(user, Roles.Moderator);
            // Their cookie and tokens still carry the role: make them log in again.
            await users.UpdateSecurityStampAsync(user);
            Message = $"{user.Email} is no longer a moderator.";
        }

        return RedirectToPage();
    }
}
