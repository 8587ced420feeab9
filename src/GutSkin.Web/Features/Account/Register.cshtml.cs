using System.ComponentModel.DataAnnotations;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace GutSkin.Web.Features.Account;

public sealed class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, MemberClock clock, SelfCheckPlans selfChecks) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>Protected self-check answers from the result page: they become the new member's plan.</summary>
    [BindProperty(SupportsGet = true)]
    public string? SelfCheck { get; set; }

    public bool FromSelfCheck => selfChecks.Unprotect(SelfCheck) is not null;

    public IEnumerable<SelectListItem> Zones => AccountPages.ZoneOptions(Input.TimeZone);

    public void OnGet() => Input.TimeZone ??= "UTC";

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.TooManyAttempts(AccountAction.Registration) is { } refused)
        {
            return refused;
        }

        foreach (var (field, messages) in AccountSetup.ValidateProfile(Input.DisplayName, Input.TimeZone))
        {
            ModelState.AddModelError($"Input.{char.ToUpperInvariant(field[0])}{field[1..]}", messages[0]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser { UserName = Input.Email, Email = Input.Email, DisplayName = Input.DisplayName?.Trim() ?? "" };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email" : "";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        await AccountSetup.InitialiseNewMemberAsync(users, user, clock, Input.TimeZone);
        var planned = selfChecks.Unprotect(SelfCheck) is { } answers && await selfChecks.SaveAsync(user.Id, answers, HttpContext.RequestAborted) is not null;
        if (!signIn.Options.SignIn.RequireConfirmedEmail)
        {
            await signIn.SignInAsync(user, isPersistent: true);
            if (planned)
            {
                TempData["SavedMessage"] = "Welcome! Your plan from the self-check is in place: the Today page shows its items. Adjust it here whenever you like.";
                return LocalRedirect("/plan");
            }

            return LocalRedirect("/today");
        }

        return RedirectToPage("Login", new { registered = true });
    }

    public sealed class RegisterInput
    {
        [StringLength(AccountSetup.MaxDisplayName)]
        [Display(Name = "Your name")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "The password needs at least 10 characters.")]
        public string? Password { get; set; }

        [Display(Name = "Time zone")]
        public string? TimeZone { get; set; }
    }
}

internal static class AccountPages
{
    public static IEnumerable<SelectListItem> ZoneOptions(string? selected) =>
        MemberClock.AllZoneIds.Select(z => new SelectListItem(z.Replace('_', ' '), z, z == selected));
}
