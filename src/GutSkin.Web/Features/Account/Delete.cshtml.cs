using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

[Authorize]
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountEraser eraser, SecurityNotices notices) : PageModel
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

        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await eraser.EraseAsync(user.Id, ct);
        }

        await signIn.SignOutAsync();
        await notices.SendAsync(user?.Email, SecurityEvent.AccountErased, HttpContext);
        return RedirectToPage("Erased");
    }
}
