using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Insights;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Report;

public sealed record ItemCompleteness(string Key, string Label, ItemGroup Group, int DaysLogged, int DaysInPeriod)
{
    public double Share => DaysInPeriod == 0 ? 0 : (double)DaysLogged / DaysInPeriod;
}

public sealed record ScorePoint(DateOnly Date, double? Skin, double? Gut);

/// <summary>One skin or gut symptom over the period, a value (or a gap) per day: one small chart of the report's small multiples.</summary>
public sealed record SymptomTrend(string Key, string Label, ItemGroup Group, double Min, double Max, IReadOnlyList<double?> Values)
{
    /// <summary>"mean 3.1 (first half 4.0, second half 2.3), 80 of 90 days": what the small chart shows, in numbers.</summary>
    public string Summary => ClinicianText.Trend(this);
}

/// <summary>A treatment or medication logged in the period: on how many days it was taken, and the typical dose.</summary>
public sealed record TreatmentSummary(string Label, bool IsYesNo, string Unit, int DaysLogged, int DaysTaken, double? TypicalDose)
{
    public string Text => ClinicianText.Treatment(this);
}

/// <summary>A day's note the member chose to include.</summary>
public sealed record ReportNote(DateOnly Date, string Text);

public sealed record ReportExperiment(ExperimentResponse Experiment, ExperimentResultResponse Result, string OutcomeLabel, string InterventionLabel);

/// <summary>A finding as the report lists it: the words of each column, the same on the page and in the PDF.</summary>
public sealed record ReportFinding(string Factor, string Outcome, string Timing, string Effect, string Days, string Q, string Strength)
{
    public IReadOnlyList<string> Cells => [Factor, Outcome, Timing, Effect, Days, Q, Strength];
}

/// <summary>Everything the clinician's report shows for a period; the printable page and the PDF render the same data.</summary>
public sealed record ReportData(
    string Name,
    DateOnly From,
    DateOnly To,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ItemCompleteness> Items,
    IReadOnlyList<ScorePoint> Scores,
    IReadOnlyList<SymptomTrend> Symptoms,
    IReadOnlyList<TreatmentSummary> Treatments,
    IReadOnlyList<ReportNote> Notes,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ReportExperiment> Experiments)
{
    /// <summary>At most this many findings are listed, strongest first (the order of the analysis).</summary>
    public const int MaxFindings = 10;

    /// <summary>The photos, only when the member ticked "Include photos" (null otherwise: none is read).</summary>
    public ReportPhotoSet? Photos { get; init; }

    public static readonly IReadOnlyList<string> FindingColumns = ["Factor", "Outcome", "Timing", "Effect (95% CI)", "Days", "q", "Strength"];

    public const string Methods =
        "Each value was logged by the patient in GutSkin, once per calendar day in their own time zone; a value not logged is treated as missing, never as zero. " +
        "The skin score is the mean of the skin items logged that day (0 = none, 10 = worst); the gut score the mean of bloating, constipation and irregular digestion. " +
        "The small charts show each skin and gut symptom the patient logged in the period on its own scale; the half-period means are over logged days. " +
        "Treatments and medications are items the patient added (taken yes/no, or a dose in its unit); the typical dose is the median of the days with a dose above zero. " +
        "Associations compare a factor (a habit, treatment or gut symptom) on one day with an outcome the same day or up to three days later: the effect is the least-squares slope, and its 95% confidence interval and p-value " +
        "use Bartlett's effective number of days to allow for day-to-day streaks, each series' autocorrelation modelled as c·φ^k (a streak plus day-to-day noise) from its lag-1 and lag-2 values (Student t with n_eff − 2 degrees of freedom). Benjamini–Hochberg q-values correct for the number of tests; findings are those with q ≤ 0.10, " +
        "called clear at q ≤ 0.01, fairly clear at q ≤ 0.05 and tentative at q ≤ 0.10. " +
        "Experiments compare a baseline period with an intervention period, leaving out the first onset days after each switch, with the same standard error; a change whose interval lies within ±0.5 points is called no meaningful change. " +
        "Notes appear only where the patient chose to include them, photos only when the patient chose to include them. " +
        "These are associations within one person's records; they do not prove cause and are not a diagnosis.";

    /// <summary>The days of the period with at least one skin or gut symptom logged.</summary>
    public int DaysWithAnyEntry => Enumerable.Range(0, Days).Count(i => Symptoms.Any(s => s.Values[i] is not null));

    public int Days => Scores.Count;
}

public sealed class ReportService(GutSkinDb db, JournalReader journals, ItemService itemService, InsightsService insights, ExperimentService experiments)
{
    /// <summary>At most this many notes go into one report.</summary>
    public const int MaxNotes = 100;

    public async Task<ReportData> BuildAsync(Member member, DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly> notes, DateTimeOffset now, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).FirstAsync(ct);
        var journal = await journals.JournalAsync(member, ct);
        var tracked = await itemService.ByKeyAsync(member.Id, ct);
        var days = to.DayNumber - from.DayNumber + 1;
        var items = new List<ItemCompleteness>();
        var symptoms = new List<SymptomTrend>();
        var treatments = new List<TreatmentSummary>();
        foreach (var item in journal.Items)
        {
            var values = Values(journal, item.Key, from, to);
            var logged = values.Count(v => v is not null);
            if (logged == 0)
            {
                continue;
            }

            items.Add(new ItemCompleteness(item.Key, item.Label, item.Group, logged, days));
            var (min, max) = tracked.TryGetValue(item.Key, out var t) ? (t.Min, t.Max) : (0, 10);
            if (item.Group is ItemGroup.Skin or ItemGroup.Gut)
            {
                symptoms.Add(new SymptomTrend(item.Key, item.Label, item.Group, min, max, values));
            }
            else if (item.Group == ItemGroup.Treatment)
            {
                treatments.Add(Treatment(item, values));
            }
        }

        var skin = Values(journal, JournalData.SkinScoreKey, from, to);
        var gut = Values(journal, JournalData.GutScoreKey, from, to);
        var scores = Enumerable.Range(0, days).Select(i => new ScorePoint(from.AddDays(i), skin[i], gut[i])).ToList();
        var findings = journal.FirstDate is null ? [] : (await insights.AnalyzeAsync(member, from, to, InsightsAnalyzer.DefaultMaxLag, ct)).Report.Findings;
        return new ReportData(
            name, from, to, now, items, scores, symptoms, treatments,
            await NotesAsync(member.Id, notes, from, to, ct),
            [.. findings.Take(ReportData.MaxFindings).Select(f => ClinicianText.Finding(f, journal))],
            await ExperimentsAsync(member, journal, from, to, ct));
    }

    /// <summary>The days of the period with a note, and the note: what the report form offers to include.</summary>
    public async Task<List<ReportNote>> NotesInPeriodAsync(string userId, DateOnly from, DateOnly to, CancellationToken ct) =>
        [.. (await journals.NotesAsync(userId, from, to, ct)).Select(n => new ReportNote(n.Date, n.Note))];

    /// <summary>
    /// The days whose notes to include, from repeated <c>note</c> query values: each a date (YYYY-MM-DD) in the period;
    /// at most <see cref="MaxNotes"/>. A problem is keyed <c>note</c>.
    /// </summary>
    public static (List<DateOnly> Dates, string? Problem) NoteDates(IEnumerable<string?> values, DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        foreach (var text in values)
        {
            if (!JournalDates.TryParse(text, out var date))
            {
                return ([], JournalDates.NotADate(text));
            }

            if (date < from || date > to)
            {
                return ([], $"{JournalDates.ToText(date)} is not in the period {JournalDates.ToText(from)} to {JournalDates.ToText(to)}.");
            }

            dates.Add(date);
        }

        dates = [.. dates.Distinct().Order()];
        return dates.Count > MaxNotes ? ([], $"At most {MaxNotes} notes go into one report.") : (dates, null);
    }

    // The chosen days' notes (every chosen day lies in the period: NoteDates checks it).
    private async Task<List<ReportNote>> NotesAsync(string userId, IReadOnlyCollection<DateOnly> dates, DateOnly from, DateOnly to, CancellationToken ct) =>
        dates.Count == 0 ? [] : [.. (await NotesInPeriodAsync(userId, from, to, ct)).Where(n => dates.Contains(n.Date))];

    private async Task<List<ReportExperiment>> ExperimentsAsync(Member member, JournalData journal, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var list = new List<ReportExperiment>();
        foreach (var experiment in (await experiments.ListAsync(member.Id, ct)).Where(e => e.End >= from && e.Start <= to))
        {
            list.Add(new ReportExperiment(
                await experiments.DescribeAsync(member, experiment, ct),
                await experiments.ResultAsync(member, experiment, ct),
                Label(journal, experiment.OutcomeKey),
                Label(journal, experiment.InterventionKey)));
        }

        return list;
    }

    private static TreatmentSummary Treatment(SeriesItem item, List<double?> values)
    {
        var taken = values.OfType<double>().Where(v => v > 0).Order().ToList();
        double? typical = item.IsYesNo || taken.Count == 0 ? null
            : taken.Count % 2 == 1 ? taken[taken.Count / 2] : (taken[(taken.Count / 2) - 1] + taken[taken.Count / 2]) / 2;
        return new TreatmentSummary(item.Label, item.IsYesNo, item.Unit, values.Count(v => v is not null), taken.Count, typical);
    }

    private static List<double?> Values(JournalData journal, string key, DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(i => journal.GetValue(key, from.AddDays(i))).Select(v => double.IsNaN(v) ? (double?)null : v)];

    private static string Label(JournalData journal, string key) => journal.Contains(key) ? journal.GetItem(key).Label : key;

    /// <summary>
    /// The period of a request: journal days (<see cref="JournalDates.ReadRange"/>), by default the 90 days up to the
    /// member's today; at most five years. Errors are keyed by the parameter name.
    /// </summary>
    public static (DateOnly From, DateOnly To, Dictionary<string, string> Errors) Period(string? from, string? to, DateOnly today)
    {
        var (first, last, errors) = JournalDates.ReadRange(from, to, today);
        var end = last ?? today;
        var start = first ?? (end.DayNumber - JournalDates.Earliest.DayNumber >= 89 ? end.AddDays(-89) : JournalDates.Earliest);
        if (errors.Count == 0 && start > end)
        {
            errors["to"] = "'to' is before 'from'.";
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber > 5 * 366)
        {
            errors["to"] = "The period spans at most five years.";
        }

        return (start, end, errors);
    }
}
