using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>The second step of logging in, after the password, for members with two-factor sign-in.</summary>
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn) : LoginSecondStepModel(signIn)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code your authenticator app shows.")]
    [RegularExpression(Authenticator.CodePattern, ErrorMessage = Authenticator.CodeFormatMessage)]
    [Display(Name = "Code from your app")]
    public string? Code { get; set; }

    [BindProperty]
    [Display(Name = "Remember this device")]
    public bool RememberDevice { get; set; }

    /// <summary>"Keep me signed in" from the password step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    protected override string Field => nameof(Code);

    protected override string Refusal => "That code did not match. Codes change every 30 seconds: enter the one your app shows now.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync() =>
        SignIns.TwoFactorAuthenticatorSignInAsync(Code!, isPersistent: RememberMe, rememberClient: RememberDevice);
}

/// <summary>The second step of logging in (an app's code or a recovery code) for the member the password step remembered.</summary>
public abstract class LoginSecondStepModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected SignInManager<AppUser> SignIns => signIn;

    /// <summary>The field a refused code is reported on, and the message.</summary>
    protected abstract string Field { get; }

    protected abstract string Refusal { get; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // The password step is remembered for a few minutes only; after that, start again.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("Login", new { returnUrl = ReturnUrl });
        }

        if (await this.RefusedOrInvalidAsync(AccountAction.LogIn, user.Email) is { } refused)
        {
            return refused;
        }

        if ((await SignInAsync()).Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(Field, Refusal);
        return Page();
    }

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync();
}
