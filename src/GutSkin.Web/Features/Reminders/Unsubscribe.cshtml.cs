using GutSkin.Web.Data;
using GutSkin.Web.Features.Plan;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Reminders;

/// <summary>The one-click unsubscribe of the reminder mail: opening the link only asks; the confirming POST turns reminders off.</summary>
public sealed class UnsubscribeModel(GutSkinDb db, ReminderLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        Valid = links.UserId(Token) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (links.UserId(Token) is not { } userId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Valid = true;
        await db.Plans().Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderEnabled, false), ct);
        Done = true;
        return Page();
    }
}
