using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>"Confirm it's you": the password (and a code with two-factor sign-in) before a sensitive change, then back to where the member was.</summary>
public sealed class ConfirmModel(UserManager<AppUser> users, AccountSessions sessions) : AccountPageModel(users)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "Code from your app, or a recovery code")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool TwoFactorEnabled => Account.TwoFactorEnabled;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await this.RefusedOrInvalidAsync(AccountAction.PasswordCheck, Account.Email) is { } refused)
        {
            return refused;
        }

        var outcome = await RecentAuthentication.VerifyAsync(Users, Account, Password, Code);
        if (outcome != Reauthentication.Confirmed)
        {
            ModelState.AddModelError(outcome == Reauthentication.WrongPassword ? nameof(Password) : nameof(Code), RecentAuthentication.Message(outcome));
            return Page();
        }

        await sessions.ReauthenticatedAsync(Session, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/profile");
    }
}
