using System.ComponentModel.DataAnnotations;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace GutSkin.Web.Features.Account;

public sealed class RegisterModel(AccountRegistration registration, SelfCheckPlans selfChecks) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>Protected self-check answers from the result page: they become the new member's plan.</summary>
    [BindProperty(SupportsGet = true)]
    public string? SelfCheck { get; set; }

    /// <summary>The answer after a registration, the same whether the address was new or taken: "check your inbox".</summary>
    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public bool FromSelfCheck => selfChecks.Unprotect(SelfCheck) is not null;

    public IEnumerable<SelectListItem> Zones => AccountPages.ZoneOptions(Input.TimeZone);

    public void OnGet() => Input.TimeZone ??= "UTC";

    public async Task<IActionResult> OnPostAsync()
    {
        var profileErrors = AccountSetup.ValidateProfile(Input.DisplayName, Input.TimeZone);
        ModelState.AddErrors(profileErrors, field => $"Input.{char.ToUpperInvariant(field[0])}{field[1..]}");
        if (await this.RefusedOrInvalidAsync(AccountAction.Registration) is { } refused)
        {
            return refused;
        }

        var errors = await registration.RegisterAsync(HttpContext, Input.Email!, Input.Password!, Input.DisplayName, Input.TimeZone, selfChecks.Unprotect(SelfCheck));
        foreach (var error in errors)
        {
            var (field, message) = error.Code switch
            {
                var c when c.Contains("Password", StringComparison.Ordinal) => ("Input.Password", error.Description),
                nameof(IdentityErrorDescriber.InvalidUserName) => ("Input.Email", "Use an address of plain letters and digits (with . _ - + @): no accents or look-alike characters."),
                var c when c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal) => ("Input.Email", error.Description),
                _ => ("", error.Description),
            };
            ModelState.AddModelError(field, message);
        }

        return errors.Count > 0 ? Page() : RedirectToPage(new { sent = true });
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
