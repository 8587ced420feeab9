using GutSkin.Analysis;
using System.Globalization;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;

namespace GutSkin.Web.Features.History;

/// <summary>How a day's skin score reads on the calendar: its colour and the word beside it.</summary>
public enum SkinBand
{
    /// <summary>Nothing logged that day.</summary>
    Missing,

    /// <summary>Logged, but no skin item: no skin score.</summary>
    NoScore,
    Calm,
    Mild,
    Moderate,
    Severe,
}

/// <summary>One day of the month: what was logged, and whether it can be opened yet.</summary>
public sealed record CalendarDay(DateOnly Date, int Items, double? SkinScore, bool IsFuture)
{
    /// <summary>The score as shown: one decimal, and the band is judged on that, so "2.5" never reads as calm.</summary>
    public double? ShownScore => SkinScore is { } s ? Math.Round(s, 1, MidpointRounding.AwayFromZero) : null;

    public SkinBand Band => Items == 0 ? SkinBand.Missing : ShownScore is not { } s ? SkinBand.NoScore : MonthCalendar.BandOf(s);

    public string ScoreText => ShownScore is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "";

    /// <summary>What a screen reader says for the day, and the proof that colour is not the only cue.</summary>
    public string Description =>
        Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture) + ": " + (Band switch
        {
            SkinBand.Missing => IsFuture ? "not yet" : "not logged",
            SkinBand.NoScore => $"{Items} item{(Items == 1 ? "" : "s")} logged, no skin item",
            _ => $"skin score {ScoreText}, {MonthCalendar.BandName(Band)}",
        });
}

/// <summary>A tracked symptom over the month: the logged values in date order, for the small trend under the calendar.</summary>
public sealed record SymptomTrend(string Key, string Label, ItemGroup Group, double Min, double Max, IReadOnlyList<(DateOnly Date, double Value)> Values)
{
    public double Average => Values.Average(v => v.Value);

    public double Lowest => Values.Min(v => v.Value);

    public double Highest => Values.Max(v => v.Value);

    /// <summary>
    /// The trend drawn in a <see cref="Sparkline.Width"/> × <see cref="Sparkline.Height"/> box, the month's first day on
    /// the left and the item's worst value at the top: a line through each run of consecutive days (a missing day breaks
    /// it) and a dot on every logged day.
    /// </summary>
    public Sparkline Draw(DateOnly first, DateOnly last)
    {
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        var range = Max > Min ? Max - Min : 1;
        (double X, double Y) At(DateOnly date, double value) => (
            Math.Round(Sparkline.Pad + (date.DayNumber - first.DayNumber) * (Sparkline.Width - 2.0 * Sparkline.Pad) / span, 1),
            Math.Round(Sparkline.Pad + (Max - Math.Clamp(value, Min, Max)) * (Sparkline.Height - 2 * Sparkline.Pad) / range, 1));

        var runs = new List<string>();
        var run = new List<(double X, double Y)>();
        DateOnly? previous = null;
        foreach (var (date, value) in Values)
        {
            if (previous is { } p && date.DayNumber - p.DayNumber > 1)
            {
                Flush();
            }

            run.Add(At(date, value));
            previous = date;
        }

        Flush();
        return new Sparkline(runs, [.. Values.Select(v => At(v.Date, v.Value))]);

        void Flush()
        {
            if (run.Count > 1)
            {
                runs.Add(string.Join(' ', run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X},{p.Y}"))));
            }

            run.Clear();
        }
    }
}

/// <summary>The shapes of a trend: polyline point lists and dots, in the coordinates of the SVG's view box.</summary>
public sealed record Sparkline(IReadOnlyList<string> Lines, IReadOnlyList<(double X, double Y)> Dots)
{
    public const int Width = 300;
    public const int Height = 48;
    public const int Pad = 4;
}

/// <summary>
/// One month of a member's journal as a calendar: weeks from Monday to Sunday (days of the neighbouring months left
/// empty), each day with its skin score, and a trend per skin or gut symptom logged that month.
/// </summary>
public sealed record MonthCalendar(DateOnly First, DateOnly Today, IReadOnlyList<IReadOnlyList<CalendarDay?>> Weeks, IReadOnlyList<SymptomTrend> Trends)
{
    public const string MonthFormat = "yyyy-MM";

    /// <summary>The upper ends of the calm, mild and moderate bands (0 = none, 10 = worst); severe above.</summary>
    private static readonly double[] BandTops = [2.4, 4.9, 7.4];

    public static IReadOnlyList<SkinBand> ScoreBands { get; } = [SkinBand.Calm, SkinBand.Mild, SkinBand.Moderate, SkinBand.Severe];

    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    public IEnumerable<CalendarDay> Days => Weeks.SelectMany(w => w).OfType<CalendarDay>();

    /// <summary>Days up to the member's today that have nothing logged: the gaps worth filling.</summary>
    public int MissingDays => Days.Count(d => !d.IsFuture && d.Band == SkinBand.Missing);

    public int LoggedDays => Days.Count(d => d.Items > 0);

    public int PastDays => Days.Count(d => !d.IsFuture);

    /// <summary>The month before, unless it would start before the first day a journal holds.</summary>
    public DateOnly? Previous => First.AddMonths(-1) is var p && p.AddMonths(1) > JournalDates.Earliest ? p : null;

    /// <summary>The month after, unless it lies wholly after the member's tomorrow (the last day one may log).</summary>
    public DateOnly? Next => First.AddMonths(1) is var n && n <= Today.AddDays(1) ? n : null;

    public bool IsCurrentMonth => First == FirstOf(Today);

    public static SkinBand BandOf(double shownScore) =>
        shownScore <= BandTops[0] ? SkinBand.Calm : shownScore <= BandTops[1] ? SkinBand.Mild : shownScore <= BandTops[2] ? SkinBand.Moderate : SkinBand.Severe;

    public static string BandName(SkinBand band) => band switch
    {
        SkinBand.Missing => "not logged",
        SkinBand.NoScore => "no skin item",
        SkinBand.Calm => "calm",
        SkinBand.Mild => "mild",
        SkinBand.Moderate => "moderate",
        SkinBand.Severe => "severe",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    /// <summary>The scores a band covers, as the legend shows them.</summary>
    public static string BandRange(SkinBand band) => band switch
    {
        SkinBand.Calm => "0–2.4",
        SkinBand.Mild => "2.5–4.9",
        SkinBand.Moderate => "5–7.4",
        SkinBand.Severe => "7.5–10",
        _ => "",
    };

    public static DateOnly FirstOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static string Format(DateOnly first) => first.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <c>YYYY-MM</c>: a month from the first a journal holds to the month of the member's tomorrow. Null text is
    /// the current month.
    /// </summary>
    public static bool TryParseMonth(string? text, DateOnly today, out DateOnly first)
    {
        first = FirstOf(today);
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed < FirstOf(JournalDates.Earliest) || parsed > today.AddDays(1))
        {
            return false;
        }

        first = parsed;
        return true;
    }

    public static string NotAMonth(string? text, DateOnly today) =>
        $"'{text}' is not a month from {Format(FirstOf(JournalDates.Earliest))} to {Format(FirstOf(today.AddDays(1)))} (YYYY-MM).";

    /// <summary>The calendar of the month starting <paramref name="first"/>, from that member's days and items.</summary>
    public static MonthCalendar Build(DateOnly first, DateOnly today, IReadOnlyList<DayResponse> days, IReadOnlyList<TrackedItem> items)
    {
        var byDate = days.ToDictionary(d => DateOnly.ParseExact(d.Date, JournalDates.Format, CultureInfo.InvariantCulture));
        var last = first.AddMonths(1).AddDays(-1);
        var weeks = new List<IReadOnlyList<CalendarDay?>>();
        // Monday-first weeks: the blank cells before the 1st are the days of the previous month.
        var week = new CalendarDay?[7];
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var column = ((int)date.DayOfWeek + 6) % 7;
            var day = byDate.GetValueOrDefault(date);
            week[column] = new CalendarDay(date, day?.Values.Count ?? 0, day?.SkinScore, date > today);
            if (column == 6 || date == last)
            {
                weeks.Add(week);
                week = new CalendarDay?[7];
            }
        }

        var trends = items
            .Where(i => i.Group is ItemGroup.Skin or ItemGroup.Gut)
            .OrderBy(i => i.Group)
            .Select(i => new SymptomTrend(i.Key, i.Label, i.Group, i.Min, i.Max,
                [.. byDate.Where(d => d.Key >= first && d.Key <= last && d.Value.Values.ContainsKey(i.Key))
                    .OrderBy(d => d.Key).Select(d => (d.Key, d.Value.Values[i.Key]))]))
            .Where(t => t.Values.Count > 0)
            .ToList();
        return new MonthCalendar(first, today, weeks, trends);
    }
}
