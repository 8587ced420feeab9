using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>A new password: every other session and token is revoked (see <see cref="SessionRevocation"/>), this one goes on.</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SecurityNotices notices) : PasswordCheckPageModel(users)
{
    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "The password needs at least 10 characters.")]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await RefusedOrInvalidAsync() is { } refused)
        {
            return refused;
        }

        var result = await Users.ChangePasswordAsync(Account, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(Account);
        await notices.SendAsync(Account.Email, SecurityEvent.PasswordChanged, HttpContext);
        return RedirectToPage(new { changed = true });
    }
}
