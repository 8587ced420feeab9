using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

[Authorize]
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountEraser eraser) : PageModel
{
    [BindProperty]
    public string? Confirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.Equals(Confirmation?.Trim(), "ERASE", StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), "Type ERASE in capitals to confirm.");
            return Page();
        }

        if (users.GetUserId(User) is { } id)
        {
            await eraser.EraseAsync(id, ct);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("Erased");
    }
}
