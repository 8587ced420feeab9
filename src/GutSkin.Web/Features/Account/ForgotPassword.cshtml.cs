using System.ComponentModel.DataAnnotations;
using System.Text;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Account;

public sealed class ForgotPasswordModel(UserManager<AppUser> users, IEmailSender<AppUser> mail, SiteLinks links) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await this.RefusedOrInvalidAsync(AccountAction.PasswordReset, Email) is { } refused)
        {
            return refused;
        }

        // The answer is the same whether or not the address has an account. The mail goes to the address the account
        // has, never to the one typed: a look-alike spelling finds the account, and the mail still goes to its own address.
        if (await users.FindByEmailAsync(Email!) is { Email: { } stored } user)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(stored)}&code={token}");
            await mail.SendPasswordResetLinkAsync(user, stored, link);
        }

        Sent = true;
        return Page();
    }
}
