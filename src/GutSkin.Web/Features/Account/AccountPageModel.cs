using System.ComponentModel.DataAnnotations;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// A page of the signed-in member's account settings: the Identity account behind <see cref="MemberPageModel"/>'s
/// member, and this sign-in's session, loaded before any handler runs. Should either be gone (erased or ended
/// since the request began), the log-in redirect is answered here, not in each handler.
/// </summary>
public abstract class AccountPageModel(UserManager<AppUser> users) : MemberPageModel
{
    private AppUser? _account;
    private CurrentSession? _session;

    protected UserManager<AppUser> Users => users;

    /// <summary>The signed-in member's Identity account, tracked: changes go through <see cref="Users"/>.</summary>
    protected AppUser Account => _account ?? throw new InvalidOperationException("The account is loaded before a handler runs.");

    /// <summary>This sign-in's session (see <see cref="SessionRevocation"/>).</summary>
    protected CurrentSession Session => _session ?? throw new InvalidOperationException("The session is loaded before a handler runs.");

    /// <summary>The account's address, which these pages show.</summary>
    public string? Email => _account?.Email;

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _account = await users.FindByIdAsync(CurrentMember.Id);
        _session = HttpContext.Features.Get<CurrentSession>();
        if (_account is null || _session is null)
        {
            context.Result = Challenge();
            return;
        }

        await next();
    }
}

/// <summary>An account page whose change needs the current password (a new address, a new password); limited like log-in.</summary>
public abstract class PasswordCheckPageModel(UserManager<AppUser> users) : AccountPageModel(users)
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [Display(Name = "Current password")]
    public string? CurrentPassword { get; set; }

    public IActionResult OnGet() => Page();

    /// <summary>The page with a 429 and its message when the password has been tried too often, or again when the form is not valid; null when it may be checked.</summary>
    protected Task<IActionResult?> RefusedOrInvalidAsync() => this.RefusedOrInvalidAsync(AccountAction.PasswordCheck, Account.Email);
}
