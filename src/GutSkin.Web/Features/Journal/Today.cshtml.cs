using System.Globalization;
using GutSkin.Analysis;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Journal;

/// <summary>Logs one day: every item with a control fit for its kind, one Save. Untouched items stay missing.</summary>
public sealed class TodayModel(JournalService journal, JournalReader reader, ItemService items, Plan.PlanService plans, MemberClock clock) : MemberPageModel
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

        Existing = _day is not null;
        Note = _day?.Note;
        Values = _day?.Values.ToDictionary(v => v.Key, v => (string?)v.Value.ToString(CultureInfo.InvariantCulture)) ?? [];
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

        // With a value that is not a number nothing is written, but the day's rules still speak for the rest.
        var write = new JournalWrite([new DayEntry(Date, parsed, Note)]);
        var problems = Errors.Count > 0 ? await journal.CheckAsync(_member!, write, ct) : (await journal.WriteAsync(_member!, write, ct)).Problems;
        foreach (var (_, field, message) in problems)
        {
            Errors.TryAdd(field.StartsWith("values.", StringComparison.Ordinal) ? field["values.".Length..] : field, message);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        SavedMessage = $"Saved {Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}: {parsed.Count} item(s) logged.";
        return RedirectToPage(new { date = Format(Date) });
    }

    private Member? _member;

    private DayResponse? _day;

    /// <summary>The member, the day and its items; a date that is no journal day is a 400 (the friendly error page).</summary>
    private async Task<IActionResult?> LoadAsync(string? date, CancellationToken ct)
    {
        var member = CurrentMember;

        _member = member;
        MemberToday = clock.Today(member.TimeZone);
        if (date is null)
        {
            Date = MemberToday;
        }
        else if (JournalDates.TryRead(date, MemberToday, out var parsed, out var problem))
        {
            Date = parsed;
        }
        else
        {
            return ErrorModel.BadRequest(HttpContext, $"There is no journal page for that day: {problem}");
        }

        _day = (await reader.DayAsync(member.Id, Date, ct))?.Day;
        var loggedThatDay = _day?.Values.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        // Archived items drop off the form unless that day already has a value for them.
        Items = [.. (await items.AllAsync(member.Id, ct)).Where(i => !i.Archived || loggedThatDay.Contains(i.Key))];
        // With a plan, only its items, plus any other item that day already has a value for.
        if (await plans.PlannedItemsAsync(member.Id, ct) is { } planned)
        {
            Items = [.. Items.Where(i => planned.Contains(i.Key) || loggedThatDay.Contains(i.Key))];
            FromPlan = true;
        }

        return null;
    }

    public static string Format(DateOnly date) => JournalDates.ToText(date);
}
