using GutSkin.Analysis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Journal;

/// <summary>The date picker on the Today page posts here without script; it forwards to that day, whose page judges it.</summary>
[Authorize]
public sealed class OpenModel : PageModel
{
    public IActionResult OnGet(string? date) =>
        JournalDates.TryParse(date, out var day) ? Redirect($"/today/{JournalDates.ToText(day)}") : Redirect("/today");
}
