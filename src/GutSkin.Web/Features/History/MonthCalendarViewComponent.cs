using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.History;

/// <summary>What the calendar shows: a month, and the message when the asked-for month was refused.</summary>
public sealed record MonthCalendarView(MonthCalendar Calendar, string? Error);

/// <summary>
/// The month calendar at the top of History (<c>/history?month=YYYY-MM</c>), read through the journal's own service.
/// A month that is not one answers 400 with the message, above the current month.
/// </summary>
public sealed class MonthCalendarViewComponent(JournalReader journal, ItemService items, MemberClock clock) : ViewComponent
{
    public const string ViewPath = "~/Features/History/_MonthCalendar.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        // Only on member pages, whose member is loaded before the page runs.
        if (HttpContext.Features.Get<Member>() is not { } member)
        {
            return Content("");
        }

        var today = clock.Today(member.TimeZone);
        var asked = Request.Query["month"];
        string? error = null;
        if (asked.Count > 1 || !MonthCalendar.TryParseMonth(asked.Count == 0 ? null : asked[0], today, out var first))
        {
            // Razor output is buffered until the layout is done: the status can still change here.
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            error = MonthCalendar.NotAMonth(asked.ToString(), today);
            first = MonthCalendar.FirstOf(today);
        }

        var days = await journal.DaysAsync(member.Id, first, first.AddMonths(1).AddDays(-1), ct);
        var calendar = MonthCalendar.Build(first, today, days, await items.AllAsync(member.Id, ct));
        return View(ViewPath, new MonthCalendarView(calendar, error));
    }
}
