using GutSkin.Web.Features.Plan;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Reminders;

/// <summary>
/// The one-click unsubscribe of the reminder mail: opening the link only asks; a POST to it turns reminders off,
/// whether it is the page's button or the mail program's one-click POST (RFC 8058: <c>List-Unsubscribe=One-Click</c>,
/// no cookies, no further question). No antiforgery token: the mail program has none, and the signed token in the
/// link is the credential, which a forging site does not have.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(PlanReminders plans, ReminderLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        Valid = links.UserId(Token) is not null;
        return Valid ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (links.UserId(Token) is not { } userId)
        {
            return Invalid();
        }

        Valid = true;
        await plans.TurnOffAsync(userId, ct);
        Done = true;
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
