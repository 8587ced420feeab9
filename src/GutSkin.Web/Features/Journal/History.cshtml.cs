using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Journal;

/// <summary>The member's days, newest first, a page at a time, with the day's scores at a glance.</summary>
[Authorize]
public sealed class HistoryModel(GutSkinDb db, JournalReader journal, MemberClock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int TotalDays { get; private set; }

    public int PageCount => Math.Max(1, (TotalDays + PageSize - 1) / PageSize);

    public List<DayResponse> Days { get; private set; } = [];

    public DateOnly MemberToday { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Member.FindAsync(db, User, ct) is not { } member)
        {
            return Challenge();
        }

        MemberToday = clock.Today(member.TimeZone);
        TotalDays = await journal.CountDaysAsync(member.Id, ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        // The page's date window, found on the index, then read with the scores.
        var dates = await journal.DatesAsync(member.Id, null, (PageNumber - 1) * PageSize, PageSize, ct);
        if (dates.Count > 0)
        {
            Days = await journal.DaysAsync(member.Id, dates[^1], dates[0], ct);
            Days.Reverse();
        }

        return Page();
    }
}
