using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

public sealed class ResetPasswordModel(UserManager<AppUser> users, KnownDevices devices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "The password needs at least 10 characters.")]
    [Display(Name = "New password")]
    public string? Password { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await this.RefusedOrInvalidAsync(AccountAction.PasswordReset) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByEmailAsync(Email!);
        var result = user is null ? IdentityResult.Failed() : await users.ResetPasswordAsync(user, ConfirmEmailModel.Decode(Code), Password!);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                ? string.Join(" ", result.Errors.Select(e => e.Description))
                : "This link is not valid any more. Ask for a new one on the forgotten-password page.");
            return Page();
        }

        // The link came through the mailbox: that confirms the address too (a registration left unconfirmed, say),
        // and marks this device as the owner's, so strangers' failed log-ins do not hold it up.
        if (!user!.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        devices.Remember(HttpContext, user.Id);
        return RedirectToPage("Login", new { passwordReset = true });
    }
}
