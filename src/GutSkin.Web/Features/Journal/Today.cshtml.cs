using System.Globalization;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>Logs one day: every item with a control fit for its kind, one Save. Untouched items stay missing.</summary>
[Authorize]
public sealed class TodayModel(GutSkinDb db, JournalService journal, ItemService items, MemberClock clock) : PageModel
{
    public static readonly IReadOnlyList<string> Bristol =
    [
        "Separate hard lumps",
        "Lumpy and sausage-shaped",
        "Sausage with cracks",
        "Smooth, soft sausage",
        "Soft blobs, clear edges",
        "Mushy, ragged edges",
        "Watery, no solid pieces",
    ];

    public DateOnly Date { get; private set; }

    public DateOnly MemberToday { get; private set; }

    public bool IsToday => Date == MemberToday;

    public bool Existing { get; private set; }

    /// <summary>True when the member's plan chose the items shown.</summary>
    public bool FromPlan { get; private set; }

    public List<TrackedItem> Items { get; private set; } = [];

    /// <summary>What each control shows: the saved value, or what the member typed when the form came back with errors.</summary>
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    [TempData]
    public string? SavedMessage { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public int LoggedCount => Items.Count(i => !string.IsNullOrEmpty(Values.GetValueOrDefault(i.Key)));

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        if (await LoadAsync(date, ct) is { } problem)
        {
            return problem;
        }

        var day = await db.JournalDays.AsNoTracking().Include(d => d.Values)
            .FirstOrDefaultAsync(d => d.UserId == MemberId && d.Date == Date, ct);
        Existing = day is not null;
        Note = day?.Note;
        var byId = Items.ToDictionary(i => i.Id);
        Values = day?.Values.Where(v => byId.ContainsKey(v.ItemId))
            .ToDictionary(v => byId[v.ItemId].Key, v => (string?)v.Value.ToString(CultureInfo.InvariantCulture)) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? date, CancellationToken ct)
    {
        if (await LoadAsync(date, ct) is { } problem)
        {
            return problem;
        }

        var byKey = Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var parsed = new Dictionary<string, double?>();
        foreach (var (key, text) in Values)
        {
            if (!byKey.ContainsKey(key) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                parsed[key] = value;
            }
            else
            {
                Errors[key] = $"{byKey[key].Label}: '{text}' is not a number.";
            }
        }

        foreach (var (field, messages) in journal.Validate(byKey, parsed, Note))
        {
            Errors[field.StartsWith("values.", StringComparison.Ordinal) ? field["values.".Length..] : field] = messages[0];
        }

        if (JournalService.CheckDate(Date, MemberToday) is { } dateProblem)
        {
            Errors["date"] = dateProblem;
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await journal.SaveDayAsync(MemberId, Date, byKey, parsed, Note, condition: null, ct);
        SavedMessage = $"Saved {Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}: {parsed.Count} item(s) logged.";
        return RedirectToPage(new { date = JournalService.Format(Date) });
    }

    private string MemberId { get; set; } = "";

    private async Task<IActionResult?> LoadAsync(string? date, CancellationToken ct)
    {
        if (await Member.FindAsync(db, User, ct) is not { } member)
        {
            return Challenge();
        }

        MemberId = member.Id;
        MemberToday = clock.Today(member.TimeZone);
        if (date is null)
        {
            Date = MemberToday;
        }
        else if (JournalService.TryParseDate(date, out var parsed) && parsed <= MemberToday.AddDays(1))
        {
            Date = parsed;
        }
        else
        {
            return BadRequest();
        }

        var loggedThatDay = await db.JournalValues.Where(v => v.Day!.UserId == member.Id && v.Day.Date == Date).Select(v => v.ItemId).ToListAsync(ct);
        // Archived items drop off the form unless that day already has a value for them.
        Items = [.. (await items.AllAsync(member.Id, ct)).Where(i => !i.Archived || loggedThatDay.Contains(i.Id))];
        // With a plan, only its items, plus any other item that day already has a value for.
        if (await db.Plans().AsNoTracking().Where(p => p.UserId == member.Id).Select(p => p.Items).FirstOrDefaultAsync(ct) is { } planned)
        {
            Items = [.. Items.Where(i => planned.Contains(i.Key) || loggedThatDay.Contains(i.Id))];
            FromPlan = true;
        }
        return null;
    }

    public static string Format(DateOnly date) => JournalService.Format(date);
}
