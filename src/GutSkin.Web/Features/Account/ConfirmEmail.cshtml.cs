using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// The link in the mail sent at registration. Opening it only asks for one press: a mail scanner that fetches links
/// must not sign anyone in. The press confirms the address and signs the new member in, once: the link is spent
/// when the address is confirmed, so a copy of it (in a scanner's log, say) signs nobody in later.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Plan.PlanService plans) : PageModel
{
    public const string Welcome = "Welcome! Your address is confirmed and your plan is ready: Today shows its items, and you can change them any time under Plan.";

    /// <summary>For a member who came without the self-check: no plan is claimed.</summary>
    public const string WelcomeWithoutPlan = "Welcome! Your address is confirmed. Log your first day below; to choose which items Today shows, take the self-check or set up your Plan.";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Invalid { get; private set; }

    [TempData]
    public string? SavedMessage { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is { Length: > 0 } ? await users.FindByIdAsync(UserId) : null;
        if (user is null || user.EmailConfirmed || !(await users.ConfirmEmailAsync(user, Decode(Code))).Succeeded)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: true);
        SavedMessage = await plans.FindAsync(user.Id, HttpContext.RequestAborted) is null ? WelcomeWithoutPlan : Welcome;
        return LocalRedirect("/today");
    }

    /// <summary>A mailed link's code as Identity made it; "" (an invalid token) when it is not base64url.</summary>
    public static string Decode(string? code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code ?? ""));
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
