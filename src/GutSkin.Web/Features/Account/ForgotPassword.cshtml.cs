using System.ComponentModel.DataAnnotations;
using System.Text;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Account;

public sealed class ForgotPasswordModel(UserManager<AppUser> users, IEmailSender<AppUser> mail, SiteLinks site) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.TooManyAttempts(AccountAction.PasswordReset, Email) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The answer is the same whether or not the address has an account.
        if (await users.FindByEmailAsync(Email!) is { } user)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            // On the site's own origin: the request's Host header is the attacker's to choose.
            var link = site.Absolute(Url.Page("ResetPassword", pageHandler: null, values: new { email = Email, code = token })!);
            await mail.SendPasswordResetLinkAsync(user, Email!, link);
        }

        Sent = true;
        return Page();
    }
}
