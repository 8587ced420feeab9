using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>The second step of logging in with a one-time recovery code instead of the app's code.</summary>
public sealed class LoginRecoveryCodeModel(SignInManager<AppUser> signIn) : LoginSecondStepModel(signIn)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [Display(Name = "Recovery code")]
    public string? RecoveryCode { get; set; }

    protected override string Field => nameof(RecoveryCode);

    protected override string Refusal => "That recovery code is not valid, or it was used already.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync() =>
        SignIns.TwoFactorRecoveryCodeSignInAsync(Authenticator.CleanRecoveryCode(RecoveryCode));
}
