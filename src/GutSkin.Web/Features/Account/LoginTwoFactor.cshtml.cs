using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>The second step of logging in, after the password, for members with two-factor sign-in.</summary>
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code your authenticator app shows.")]
    [Display(Name = "Code from your app")]
    public string? Code { get; set; }

    [BindProperty]
    [Display(Name = "Remember this device")]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Keep me signed in" from the password step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // The password step is remembered for a few minutes only; after that, start again.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("Login", new { returnUrl = ReturnUrl });
        }

        if (await this.TooManyAttemptsAsync(AccountAction.LogIn, user.Email) is { } refused)
        {
            return refused;
        }

        if (ModelState.IsValid && !Authenticator.IsWellFormedCode(Code))
        {
            ModelState.AddModelError(nameof(Code), Authenticator.CodeFormatMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code!, isPersistent: RememberMe, rememberClient: RememberDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(nameof(Code), "That code did not match. Codes change every 30 seconds: enter the one your app shows now.");
        return Page();
    }
}
