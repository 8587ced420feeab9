using System.ComponentModel.DataAnnotations;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace GutSkin.Web.Features.Account;

public sealed class ProfileModel(UserManager<AppUser> users) : AccountPageModel(users)
{
    [BindProperty]
    [StringLength(AccountSetup.MaxDisplayName)]
    [Display(Name = "Your name")]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; }

    public bool TwoFactorEnabled => Account.TwoFactorEnabled;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public IEnumerable<SelectListItem> Zones => AccountPages.ZoneOptions(TimeZone);

    public IActionResult OnGet()
    {
        DisplayName = Account.DisplayName;
        TimeZone = Account.TimeZone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var profileErrors = AccountSetup.ValidateProfile(DisplayName, TimeZone);
        ModelState.AddErrors(profileErrors, field => field == "timeZone" ? nameof(TimeZone) : nameof(DisplayName));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Account.DisplayName = DisplayName?.Trim() ?? "";
        Account.TimeZone = TimeZone ?? Account.TimeZone;
        await Users.UpdateAsync(Account);
        return RedirectToPage(new { saved = true });
    }
}
