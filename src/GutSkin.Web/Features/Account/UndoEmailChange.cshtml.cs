using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// The link in an e-mail-change notice: puts the old address back and signs out every session. Opening the link only
/// asks (mail scanners open links); the button does it.
/// </summary>
public sealed class UndoEmailChangeModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SecurityNotices notices, AccountSessions sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public EmailChangeUndo? Change { get; private set; }

    public bool Done { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet() => Change = notices.ReadUndo(Token);

    public async Task<IActionResult> OnPostAsync()
    {
        Change = notices.ReadUndo(Token);
        if (Change is null)
        {
            return Page();
        }

        if (await users.FindByIdAsync(Change.UserId) is not { } user)
        {
            Problem = "That account no longer exists.";
            return Page();
        }

        if (!string.Equals(user.Email, Change.OldEmail, StringComparison.Ordinal))
        {
            if (await users.FindByEmailAsync(Change.OldEmail) is { } other && other.Id != user.Id)
            {
                Problem = "That address is used by another account now, so it cannot be put back. Write to the site's operator.";
                return Page();
            }

            user.Email = Change.OldEmail;
            user.EmailConfirmed = true;
            user.UserName = Change.OldEmail;
            await users.UpdateNormalizedEmailAsync(user);
            await users.UpdateNormalizedUserNameAsync(user);
        }

        // A new security stamp voids every cookie and token, and every change link still in a mailbox; the sessions end too.
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            Problem = "The address could not be put back: " + string.Join(" ", saved.Errors.Select(e => e.Description));
            return Page();
        }

        await sessions.RevokeAllAsync(user.Id, keepSessionId: null, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        Done = true;
        return Page();
    }
}
