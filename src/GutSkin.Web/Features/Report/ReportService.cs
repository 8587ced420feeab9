using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Insights;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Report;

public sealed record ItemCompleteness(string Key, string Label, ItemGroup Group, int DaysLogged, int DaysInPeriod)
{
    public double Share => DaysInPeriod == 0 ? 0 : (double)DaysLogged / DaysInPeriod;
}

public sealed record ScorePoint(DateOnly Date, double? Skin, double? Gut);

public sealed record ReportExperiment(ExperimentResponse Experiment, ExperimentResultResponse Result, string OutcomeLabel, string InterventionLabel);

/// <summary>Everything the doctor report shows for a period; the printable page and the PDF render the same data.</summary>
public sealed record ReportData(
    string Name,
    DateOnly From,
    DateOnly To,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ItemCompleteness> Items,
    IReadOnlyList<ScorePoint> Scores,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ReportExperiment> Experiments)
{
    public const string Methods =
        "Each value was logged by the patient in GutSkin, once per calendar day in their own time zone; a value not logged is treated as missing, never as zero. " +
        "The skin score is the mean of the skin items logged that day (0 = none, 10 = worst); the gut score the mean of bloating, constipation and irregular digestion. " +
        "Associations compare a factor on one day with an outcome the same day or up to three days later: the effect is the least-squares slope, and its 95% confidence interval and p-value " +
        "use Bartlett's effective number of days to allow for day-to-day streaks, each series' autocorrelation modelled as c·φ^k (a streak plus day-to-day noise) from its lag-1 and lag-2 values (Student t with n_eff − 2 degrees of freedom). Benjamini–Hochberg q-values correct for the number of tests; findings are those with q ≤ 0.10. " +
        "Experiments compare a baseline period with an intervention period, leaving out the first onset days after each switch, with the same standard error; a change whose interval lies within ±0.5 points is called no meaningful change. " +
        "These are associations within one person's records; they do not prove cause and are not a diagnosis.";

    public int DaysWithAnyEntry => Scores.Count(s => s.Skin is not null || s.Gut is not null);
}

public sealed class ReportService(GutSkinDb db, JournalReader journals, InsightsService insights, ExperimentService experiments)
{
    public async Task<ReportData> BuildAsync(Member member, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).FirstAsync(ct);
        var journal = await journals.JournalAsync(member, ct);
        var days = to.DayNumber - from.DayNumber + 1;
        var items = new List<ItemCompleteness>();
        foreach (var item in journal.Items)
        {
            var logged = 0;
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                logged += double.IsNaN(journal.GetValue(item.Key, day)) ? 0 : 1;
            }

            if (logged > 0)
            {
                items.Add(new ItemCompleteness(item.Key, item.Label, item.Group, logged, days));
            }
        }

        var scores = new List<ScorePoint>(days);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            scores.Add(new ScorePoint(day, Value(journal, JournalData.SkinScoreKey, day), Value(journal, JournalData.GutScoreKey, day)));
        }

        var findings = journal.FirstDate is null ? [] : (await insights.AnalyzeAsync(member, from, to, InsightsAnalyzer.DefaultMaxLag, ct)).Report.Findings;
        var list = new List<ReportExperiment>();
        foreach (var experiment in await experiments.ListAsync(member.Id, ct))
        {
            if (experiment.End < from || experiment.Start > to)
            {
                continue;
            }

            list.Add(new ReportExperiment(
                await experiments.DescribeAsync(member, experiment, ct),
                await experiments.ResultAsync(member, experiment, ct),
                Label(journal, experiment.OutcomeKey),
                Label(journal, experiment.InterventionKey)));
        }

        return new ReportData(name, from, to, now, items, scores, findings, list);
    }

    private static double? Value(JournalData journal, string key, DateOnly day) =>
        double.IsNaN(journal.GetValue(key, day)) ? null : journal.GetValue(key, day);

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
