using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Report;

/// <summary>The printable report for a clinician: no navigation, one column, fits A4 and Letter.</summary>
public sealed class IndexModel(ReportService reports, ReportPhotos photos, MemberClock clock) : MemberPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The days whose notes to include (repeated <c>note=YYYY-MM-DD</c>), none by default.</summary>
    [BindProperty(SupportsGet = true, Name = "note")]
    public string[] Note { get; set; } = [];

    /// <summary>"Include photos": off unless the member ticks it; off, no photo is read or shown.</summary>
    [BindProperty(SupportsGet = true, Name = "photos")]
    public bool IncludePhotos { get; set; }

    public ReportData Report { get; private set; } = null!;

    /// <summary>The days of the period with a note: the form offers each to include.</summary>
    public List<ReportNote> NoteChoices { get; private set; } = [];

    public HashSet<DateOnly> Included { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        var today = clock.Today(member.TimeZone);
        var (from, to, errors) = ReportService.Period(From, To, today);
        if (errors.Count > 0)
        {
            // The report of the default period, with what was wrong, answered as a 400.
            Error = string.Join(" ", errors.Values) + " Showing the last 90 days instead.";
            (from, to, _) = ReportService.Period(null, null, today);
        }

        var (notes, noteProblem) = ReportService.NoteDates(errors.Count > 0 ? [] : Note, from, to);
        if (noteProblem is not null)
        {
            Error = $"Notes: {noteProblem} Showing the report without notes.";
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        From = JournalDates.ToText(from);
        To = JournalDates.ToText(to);
        Included = [.. notes];
        NoteChoices = await reports.NotesInPeriodAsync(member.Id, from, to, ct);
        Report = await reports.BuildAsync(member, from, to, notes, clock.UtcNow, ct) with
        {
            Photos = IncludePhotos ? await photos.ChooseAsync(member.Id, from, to, withThumbnails: false, ct) : null,
        };
        return Page();
    }

    /// <summary>The PDF of the same period and notes on the given paper.</summary>
    public string PdfLink(string paper)
    {
        var query = new List<KeyValuePair<string, string?>> { new("from", From), new("to", To), new("paper", paper) };
        query.AddRange(Included.Order().Select(d => new KeyValuePair<string, string?>("note", JournalDates.ToText(d))));
        if (IncludePhotos)
        {
            query.Add(new("photos", "true"));
        }

        return QueryHelpers.AddQueryString("/report.pdf", query);
    }

    /// <summary>A note's first words, so the member knows which day's note a box includes.</summary>
    public static string Excerpt(string note) => note.Length <= 90 ? note : string.Concat(note.AsSpan(0, 88).TrimEnd(), "…");
}
