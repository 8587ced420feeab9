using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountEraser eraser, SecurityNotices notices) : AccountPageModel(users)
{
    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>Erasure needs a recent authentication: a stolen session alone cannot destroy the journal.</summary>
    public IActionResult OnGet() => this.ConfirmFirst("/account/delete") ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (this.ConfirmFirst("/account/delete") is { } confirm)
        {
            return confirm;
        }

        if (!string.Equals(Confirmation?.Trim(), "ERASE", StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), "Type ERASE in capitals to confirm.");
            return Page();
        }

        await eraser.EraseAsync(Account.Id, ct);
        await signIn.SignOutAsync();
        await notices.SendAsync(Account.Email, SecurityEvent.AccountErased, HttpContext);
        return RedirectToPage("Erased");
    }
}
