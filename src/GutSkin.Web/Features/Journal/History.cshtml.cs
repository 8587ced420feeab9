using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Journal;

/// <summary>The member's days, newest first, a page at a time, with the day's scores at a glance.</summary>
public sealed class HistoryModel(JournalReader journal, MemberClock clock) : MemberPageModel
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
        var member = CurrentMember;

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
