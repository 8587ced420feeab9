using System.ComponentModel.DataAnnotations;
using System.Text;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// A new e-mail address: it needs the current password (a stolen session alone cannot move the account to another
/// mailbox), and takes effect when the link mailed to the new address is opened; then the old address is told,
/// with a link that undoes it (see <see cref="SecurityNotices.EmailChangedAsync"/>).
/// </summary>
public sealed class EmailModel(UserManager<AppUser> users, IEmailSender<AppUser> mail, SiteLinks links) : PasswordCheckPageModel(users)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the new address.")]
    [Display(Name = "New e-mail address")]
    public string? NewEmail { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var newEmail = NewEmail?.Trim();
        if (newEmail is not null && (newEmail.Length > AccountApi.MaxEmailLength || TextInput.HasNul(newEmail) || !new EmailAddressAttribute().IsValid(newEmail)))
        {
            ModelState.AddModelError(nameof(NewEmail), "Enter an e-mail address such as name@example.com.");
        }
        else if (string.Equals(newEmail, Account.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), "That is your address already.");
        }

        if (await RefusedOrInvalidAsync() is { } refused)
        {
            return refused;
        }

        if (CurrentPassword!.Length > RecentAuthentication.MaxSecretLength || !await Users.CheckPasswordAsync(Account, CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), "That is not your current password.");
            return Page();
        }

        // Identity's own confirmation step for a change (the same link /api/auth/manage/info mails), on the site's own origin.
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await Users.GenerateChangeEmailTokenAsync(Account, newEmail!)));
        var link = links.Absolute($"/api/auth/confirmEmail?userId={Uri.EscapeDataString(Account.Id)}&code={code}&changedEmail={Uri.EscapeDataString(newEmail!)}");
        await mail.SendConfirmationLinkAsync(Account, newEmail!, link);
        return RedirectToPage(new { sent = true });
    }
}
