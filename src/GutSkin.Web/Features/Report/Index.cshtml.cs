using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Report;

/// <summary>The printable report for a doctor: no navigation, one column, fits A4 and Letter.</summary>
public sealed class IndexModel(ReportService reports, MemberClock clock) : MemberPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public ReportData Report { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = CurrentMember;

        var today = clock.Today(member.TimeZone);
        var (from, to, errors) = ReportService.Period(From, To, today);
        if (errors.Count > 0)
        {
            // The report of the default period, with what was wrong, answered as a 400.
            Error = string.Join(" ", errors.Values);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            (from, to, _) = ReportService.Period(null, null, today);
        }

        From = JournalDates.ToText(from);
        To = JournalDates.ToText(to);
        Report = await reports.BuildAsync(member, from, to, clock.UtcNow, ct);
        return Page();
    }
}
