using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>Shows the key made on the two-factor page, as text and QR code, and turns two-factor sign-in on once a code from the app matches.</summary>
public sealed class TwoFactorSetupModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SecurityNotices notices) : AccountPageModel(users)
{
    public string SharedKey { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter the code your authenticator app shows.")]
    [RegularExpression(Authenticator.CodePattern, ErrorMessage = Authenticator.CodeFormatMessage)]
    [Display(Name = "Code from your app")]
    public string? Code { get; set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? NewRecoveryCodes { get; set; }

    public async Task<IActionResult> OnGetAsync() => await ElsewhereAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ElsewhereAsync() is { } elsewhere)
        {
            return elsewhere;
        }

        if (ModelState.IsValid && !await Authenticator.VerifyAsync(Users, Account, Code!))
        {
            ModelState.AddModelError(nameof(Code), "That code did not match. Check the app shows GutSkin and enter the code it shows now.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(Account, true);
        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(Account, Authenticator.RecoveryCodeCount) ?? [];
        // Turning it on renewed the security stamp: every other session is signed out, this one goes on.
        await signIn.RefreshSignInAsync(Account);
        await notices.SendAsync(Account.Email, SecurityEvent.TwoFactorOn, HttpContext);
        NewRecoveryCodes = string.Join(' ', codes);
        Message = "Two-factor sign-in is on. Logging in now asks for a code from your app after your password.";
        return RedirectToPage("TwoFactor");
    }

    /// <summary>The key is shown only right after the member confirmed it is them, and only while there is one to set up.</summary>
    private async Task<IActionResult?> ElsewhereAsync() =>
        this.ConfirmFirst("/account/two-factor/setup") ?? (await ShowKeyAsync() ? null : RedirectToPage("TwoFactor"));

    /// <summary>False when there is nothing to set up: no key made yet, or two-factor sign-in is already on.</summary>
    private async Task<bool> ShowKeyAsync()
    {
        if (await Users.GetTwoFactorEnabledAsync(Account) || await Users.GetAuthenticatorKeyAsync(Account) is not { Length: > 0 } key)
        {
            return false;
        }

        SharedKey = Authenticator.FormatKey(key);
        QrSvg = Authenticator.QrSvg(Authenticator.Address(Account.Email ?? Account.UserName ?? "", key));
        return true;
    }
}
