using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>"Confirm it's you": the password (and a code with two-factor sign-in) before a sensitive change, then back to where the member was.</summary>
[Authorize]
public sealed class ConfirmModel(UserManager<AppUser> users, AccountSessions sessions) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "Code from your app, or a recovery code")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool TwoFactorEnabled { get; private set; }

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        (TwoFactorEnabled, Email) = (user.TwoFactorEnabled, user.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user || HttpContext.Features.Get<CurrentSession>() is not { } session)
        {
            return Challenge();
        }

        (TwoFactorEnabled, Email) = (user.TwoFactorEnabled, user.Email);
        if (await this.TooManyAttemptsAsync(AccountAction.PasswordCheck, user.Email) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await RecentAuthentication.VerifyAsync(users, user, Password, Code);
        if (outcome != Reauthentication.Confirmed)
        {
            ModelState.AddModelError(outcome == Reauthentication.WrongPassword ? nameof(Password) : nameof(Code), RecentAuthentication.Message(outcome));
            return Page();
        }

        await sessions.ReauthenticatedAsync(session, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/profile");
    }
}
