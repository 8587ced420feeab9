using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Registered { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool PasswordReset { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await this.RefusedOrInvalidAsync(AccountAction.LogIn, Input.Email) is { } refused)
        {
            return refused;
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!, Input.Password!, isPersistent: Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginTwoFactor", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        }

        // One message for an unknown address, a wrong password and an unconfirmed account: the form tells nobody who has an account.
        ModelState.AddModelError("", FailedMessage);
        return Page();
    }

    public const string FailedMessage =
        "That e-mail and password do not match an account. Just registered? Follow the link in the mail we sent you first.";

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [Display(Name = "E-mail")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        public string? Password { get; set; }

        /// <summary>Unticked, the login cookie dies with the browser; ticked, it lasts 14 days from the last visit.</summary>
        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
