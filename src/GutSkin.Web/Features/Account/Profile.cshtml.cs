using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace GutSkin.Web.Features.Account;

[Authorize]
public sealed class ProfileModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    [StringLength(AccountSetup.MaxDisplayName)]
    [Display(Name = "Your name")]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; }

    public string? Email { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public IEnumerable<SelectListItem> Zones => AccountPages.ZoneOptions(TimeZone);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        DisplayName = user.DisplayName;
        TimeZone = user.TimeZone;
        Email = user.Email;
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email;
        TwoFactorEnabled = user.TwoFactorEnabled;
        foreach (var (field, messages) in AccountSetup.ValidateProfile(DisplayName, TimeZone))
        {
            ModelState.AddModelError(field == "timeZone" ? nameof(TimeZone) : nameof(DisplayName), messages[0]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.DisplayName = DisplayName?.Trim() ?? "";
        user.TimeZone = TimeZone ?? user.TimeZone;
        await users.UpdateAsync(user);
        return RedirectToPage(new { saved = true });
    }
}
