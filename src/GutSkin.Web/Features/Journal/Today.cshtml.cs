using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Journal;

/// <summary>Logs one day: every item with a control fit for its kind, one Save. Untouched items stay missing.</summary>
[ChecksOwnFields]
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

    /// <summary>
    /// The day's tag when the form was made ("" for a day not logged then). A form whose day changed since, in another
    /// tab or on another device, is not written over it: the page comes back with both versions. Null from a form
    /// without the field, which writes as before.
    /// </summary>
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Version { get; set; }

    /// <summary>Set when a save was refused because the day changed since the form was made: item → what is saved now.</summary>
    public Dictionary<string, string> SavedMeanwhile { get; } = [];

    public bool ChangedMeanwhile { get; private set; }

    public int LoggedCount => Items.Count(i => !string.IsNullOrEmpty(Values.GetValueOrDefault(i.Key)));

    /// <summary>The day's ETag, empty when the day is not logged: the offline queue sends it back as If-Match.</summary>
    public string ETag { get; private set; } = "";

    /// <summary>The last logged day before this one, for "Same as yesterday".</summary>
    public DayResponse? LastLogged { get; private set; }

    public DateOnly? LastLoggedDate { get; private set; }

    /// <summary>The last logged day's values of the items on the form, as JSON for the page's script.</summary>
    public string LastLoggedJson => LastLogged is null ? "{}" : JsonSerializer.Serialize(FillFrom(LastLogged));

    /// <summary>Set when the form shows another day's values to check and save (<c>?fill=last</c>).</summary>
    public DateOnly? FilledFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? date, string? fill, CancellationToken ct)
    {
        if (await LoadAsync(date, ct) is { } problem)
        {
            return problem;
        }

        Existing = _day is not null;
        Version = ETag;
        Note = _day?.Note;
        Values = _day?.Values.ToDictionary(v => v.Key, v => (string?)Number(v.Value)) ?? [];
        if (fill == "last" && LastLogged is { } last)
        {
            // The same rule as the page's script: every item on the form takes the last day's value; the note stays.
            Values = FillFrom(last).ToDictionary(v => v.Key, v => (string?)v.Value);
            FilledFrom = LastLoggedDate;
        }

        return Page();
    }

    /// <summary>Whether an item is answered with one tap on a chip (yes/no, or a whole-number scale of at most 11 points).</summary>
    public static bool IsChoice(TrackedItem item) => item.Kind == ItemKind.YesNo || (item.Kind.IsWholeNumber && item.Max - item.Min <= 10);

    /// <summary>The step of the −/+ buttons and the number box.</summary>
    public static string StepOf(TrackedItem item) => item.Kind.IsWholeNumber ? "1" : item.Kind == ItemKind.Litres ? "0.25" : "0.5";

    /// <summary>The unit shown beside a number item's name: "servings", "litres", "hours", or a member's own unit.</summary>
    public static string UnitWord(TrackedItem item) => item.Kind switch
    {
        ItemKind.Servings => "servings",
        ItemKind.Litres => "litres",
        ItemKind.Hours => "hours",
        _ => item.Unit,
    };

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The values offered as one-tap chips beside the stepper: the member's own most frequent values of the item over the
    /// last 90 days, topped up with the kind's usual values, four in all, in the item's range, smallest first.
    /// </summary>
    public IReadOnlyList<double> CommonValues(TrackedItem item)
    {
        double[] usual = item.Kind switch
        {
            ItemKind.Litres => [1, 1.5, 2, 2.5],
            ItemKind.Hours => [6, 7, 8, 9],
            _ => [0, 1, 2, 3],
        };
        var own = _recent.GetValueOrDefault(item.Key) ?? [];
        return [.. own.Concat(usual).Where(v => v >= item.Min && v <= item.Max).Distinct().Take(4).Order()];
    }

    private Dictionary<string, string> FillFrom(DayResponse day) =>
        Items.Where(i => day.Values.ContainsKey(i.Key)).ToDictionary(i => i.Key, i => Number(day.Values[i.Key]));

    public async Task<IActionResult> OnPostAsync(string? date, CancellationToken ct)
    {
        if (await LoadAsync(date, ct) is { } problem)
        {
            return problem;
        }

        if (Version is not null && Version != ETag)
        {
            ShowSavedMeanwhile();
            Version = ETag;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var byKey = Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var parsed = new Dictionary<string, double?>();
        foreach (var (key, text) in Values)
        {
            if (!byKey.ContainsKey(key) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (TypedNumber.TryRead(text, out var value))
            {
                parsed[key] = value;
            }
            else
            {
                ModelState.AddModelError(key, $"{byKey[key].Label}: '{text}' is not a number.");
            }
        }

        // With a value that is not a number nothing is written, but the day's rules still speak for the rest.
        var write = new JournalWrite([new DayEntry(Date, parsed, Note)]);
        var problems = ModelState.ErrorCount > 0 ? await journal.CheckAsync(CurrentMember, write, ct) : (await journal.WriteAsync(CurrentMember, write, ct)).Problems;
        foreach (var (_, field, message) in problems)
        {
            // One message a field, the first: an item's own before the day's rules.
            var key = field.StartsWith("values.", StringComparison.Ordinal) ? field["values.".Length..] : field;
            if (ModelState.FirstError(key) is null)
            {
                ModelState.AddModelError(key, message);
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        SavedMessage = $"Saved {Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}: {parsed.Count} item(s) logged.";
        return RedirectToPage(new { date = Format(Date) });
    }

    /// <summary>Beside each item whose posted value differs from the day as saved now, what is saved (and the note).</summary>
    private void ShowSavedMeanwhile()
    {
        ChangedMeanwhile = true;
        foreach (var item in Items)
        {
            var text = Values.GetValueOrDefault(item.Key)?.Trim() ?? "";
            var posted = TypedNumber.TryRead(text, out var number) ? Number(number) : text;
            var saved = _day?.Values.TryGetValue(item.Key, out var value) == true ? Number(value) : "";
            if (posted != saved)
            {
                SavedMeanwhile[item.Key] = saved == "" ? "not logged" : saved;
            }
        }

        if ((Note ?? "").Trim() != (_day?.Note ?? ""))
        {
            SavedMeanwhile["note"] = string.IsNullOrEmpty(_day?.Note) ? "no note" : _day.Note;
        }
    }

    private DayResponse? _day;

    /// <summary>The member, the day and its items; a date that is no journal day is a 400 (the friendly error page).</summary>
    private async Task<IActionResult?> LoadAsync(string? date, CancellationToken ct)
    {
        var member = CurrentMember;
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

        var tagged = await reader.DayAsync(member.Id, Date, ct);
        _day = tagged?.Day;
        ETag = tagged?.ETag ?? "";
        if (await reader.DatesAsync(member.Id, Date.AddDays(-1), 0, 1, ct) is [var lastDate])
        {
            LastLogged = (await reader.DayAsync(member.Id, lastDate, ct))?.Day;
            LastLoggedDate = LastLogged is null ? null : lastDate;
        }

        var loggedThatDay = _day?.Values.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        // Archived items drop off the form unless that day already has a value for them.
        Items = [.. (await items.AllAsync(member.Id, ct)).Where(i => !i.Archived || loggedThatDay.Contains(i.Key))];
        // With a plan, only its items, plus any other item that day already has a value for.
        if (await plans.PlannedItemsAsync(member.Id, ct) is { } planned)
        {
            Items = [.. Items.Where(i => planned.Contains(i.Key) || loggedThatDay.Contains(i.Key))];
            FromPlan = true;
        }

        var numbers = Items.Where(i => !IsChoice(i)).Select(i => i.Key).ToList();
        if (numbers.Count > 0)
        {
            _recent = (await reader.ValuesAsync(member.Id, Date.AddDays(-90), Date, numbers, ct))
                .GroupBy(v => v.Key)
                .ToDictionary(g => g.Key, g => g.GroupBy(v => v.Value).OrderByDescending(c => c.Count()).ThenBy(c => c.Key).Take(4).Select(c => c.Key).ToList());
        }

        return null;
    }

    private Dictionary<string, List<double>> _recent = [];

    public static string Format(DateOnly date) => JournalDates.ToText(date);
}
