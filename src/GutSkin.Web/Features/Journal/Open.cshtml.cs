using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Journal;

/// <summary>The date picker on the Today page posts here without script; it forwards to that day.</summary>
[Authorize]
public sealed class OpenModel : PageModel
{
    public IActionResult OnGet(string? date) =>
        JournalService.TryParseDate(date, out var day) ? Redirect($"/today/{JournalService.Format(day)}") : Redirect("/today");
}
