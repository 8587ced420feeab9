using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>One re-run of an experiment's analysis in <see cref="ExperimentSensitivity"/>.</summary>
/// <param name="Window">"14", "28", "56": the baseline is the logged days in that many calendar days before the
/// switch; "all": every logged day up to 180 days before it; "trend": the segmented regression of
/// <see cref="LevelChange"/> (level change over a trend).</param>
/// <param name="BaselineDays">Analysable baseline days used.</param>
/// <param name="N">Analysable days used (baseline and intervention).</param>
/// <param name="Effect">The effect (for "trend", the level change c); null when not computed.</param>
/// <param name="CiLow">Lower end of its 95% CI.</param>
/// <param name="CiHigh">Upper end of its 95% CI.</param>
/// <param name="Verdict">The verdict rule of <see cref="ExperimentAnalyzer.VerdictOf"/> on this row's interval;
/// <see cref="ExperimentVerdict.NotEnoughData"/> when fewer than 7 analysable days are in a phase.</param>
public sealed record SensitivityRow(string Window, int BaselineDays, int N, double? Effect, double? CiLow, double? CiHigh, ExperimentVerdict Verdict);

/// <summary>Whether an A–B experiment began during a flare: the last 7 days before the switch against the member's
/// own average over the 180 days before it.</summary>
/// <param name="RecentDays">Logged outcome days among the 7 calendar days before the switch.</param>
/// <param name="RecentMean">Their mean.</param>
/// <param name="OwnDays">Logged outcome days among the 180 calendar days before the switch.</param>
/// <param name="OwnMean">Their mean: the member's own average.</param>
/// <param name="OwnSd">Their sample standard deviation (n − 1).</param>
/// <param name="DuringFlare">True when the recent mean is worse than the own average by more than one SD.</param>
public sealed record FlareCheck(int RecentDays, double RecentMean, int OwnDays, double OwnMean, double OwnSd, bool DuringFlare);

/// <summary>
/// How much an experiment's verdict depends on which days count as before: the primary analysis re-run with other
/// baselines and with an adjustment for a trend, the rule that keeps or downgrades the verdict, and the flare check.
/// </summary>
/// <param name="Rows">Baseline windows 14, 28, 56 and "all" (A–B designs only), then "trend".</param>
/// <param name="Verdict">The verdict after the rule.</param>
/// <param name="Reason">Why the rule downgraded the verdict; null when it did not.</param>
/// <param name="Flare">The flare check; null for alternating designs or when there are too few logged days
/// (fewer than 3 in the last 7, or fewer than 14 in the 180 before the switch).</param>
public sealed record ExperimentSensitivity(IReadOnlyList<SensitivityRow> Rows, ExperimentVerdict Verdict, string? Reason, FlareCheck? Flare)
{
    /// <summary>The baseline windows, in calendar days before the switch.</summary>
    public static readonly IReadOnlyList<int> Windows = [14, 28, 56];

    /// <summary>The furthest back "all" reaches, in calendar days before the switch.</summary>
    public const int AllDays = 180;

    /// <summary>Days before the switch in the flare check's recent mean.</summary>
    public const int RecentDays = 7;

    /// <summary>The reason a verdict is downgraded, as PRODUCT.md words it.</summary>
    public const string DependsOnBefore = "depends on which days count as before";

    /// <summary>True when the verdict was downgraded by the rule.</summary>
    public bool Downgraded => Reason is not null;

    /// <summary>
    /// Re-runs the analysis and applies the rule: "helped" or "worse" stands only when every window's effect (where
    /// computed) has the primary effect's sign and the trend-adjusted 95% CI excludes 0 on the same side; otherwise
    /// the verdict is "not yet clear" because it depends on which days count as before. Other verdicts stand.
    /// </summary>
    /// <remarks>
    /// A–B design (one baseline block, then one intervention block): each window is
    /// <see cref="ExperimentAnalyzer.Analyze(IReadOnlyDictionary{DateOnly, double}, IReadOnlyDictionary{DateOnly, double}?, ExperimentDesign, bool, DateOnly?)"/>
    /// with the baseline [switch − W, switch) and the primary's intervention phase and onset days; "all" starts 180 days
    /// before the switch, or at the primary start if that is earlier. "trend" is <see cref="LevelChange.Fit"/> over
    /// the days of "all" with t the day number. Alternating designs have no single "before": only "trend", over the
    /// design's own analysable days (I = on), and no flare check.
    /// </remarks>
    /// <param name="outcome">The outcome's logged values by day: the whole journal, days before the experiment included.</param>
    /// <param name="design">The experiment's design.</param>
    /// <param name="primary">The primary result (same outcome and design).</param>
    /// <param name="lowerIsBetter">True for symptoms.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ExperimentSensitivity Check(IReadOnlyDictionary<DateOnly, double> outcome, ExperimentDesign design, ExperimentResult primary, bool lowerIsBetter = true)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(primary);
        var rows = new List<SensitivityRow>();
        FlareCheck? flare = null;
        if (SwitchOf(design) is { } switchDate)
        {
            rows.AddRange(Windows.Select(w => Window(w.ToString(CultureInfo.InvariantCulture), outcome, Rebased(design, switchDate.AddDays(-w)), lowerIsBetter)));

            var all = Rebased(design, Earliest(design.Start, switchDate.AddDays(-AllDays)));
            rows.Add(Window("all", outcome, all, lowerIsBetter));
            rows.Add(Trend(outcome, all, lowerIsBetter));
            flare = FlareAt(outcome, switchDate, lowerIsBetter);
        }
        else
        {
            rows.Add(Trend(outcome, design, lowerIsBetter));
        }

        var reason = primary.Verdict is ExperimentVerdict.Helped or ExperimentVerdict.Worse && primary.Effect is { } effect
            ? Disagreement(rows, Math.Sign(effect))
            : null;
        return new ExperimentSensitivity(rows, reason is null ? primary.Verdict : ExperimentVerdict.NotYetClear, reason, flare);
    }

    /// <summary>The switch day of an A–B design (a baseline block, then an intervention block); null otherwise.</summary>
    /// <param name="design">The design.</param>
    public static DateOnly? SwitchOf(ExperimentDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Blocks is [{ Intervention: false }, { Intervention: true } on] ? on.Start : null;
    }

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;

    private static ExperimentDesign Rebased(ExperimentDesign design, DateOnly start) =>
        new([new ExperimentBlock(start, false), design.Blocks[1]], design.End, design.OnsetDays, design.Target);

    private static SensitivityRow Window(string name, IReadOnlyDictionary<DateOnly, double> outcome, ExperimentDesign design, bool lowerIsBetter)
    {
        var r = ExperimentAnalyzer.Analyze(outcome, null, design, lowerIsBetter);
        return new SensitivityRow(name, r.BaselineDays, r.N, r.Effect, r.CiLow, r.CiHigh, r.Verdict);
    }

    private static SensitivityRow Trend(IReadOnlyDictionary<DateOnly, double> outcome, ExperimentDesign design, bool lowerIsBetter)
    {
        var phases = design.Phases();
        var (day, on, y) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < phases.Length; i++)
        {
            if (!phases[i].IsLeftOut && outcome.TryGetValue(design.Start.AddDays(i), out var value))
            {
                day.Add(i);
                on.Add(phases[i].IsOn ? 1 : 0);
                y.Add(value);
            }
        }

        var baseline = on.Count(v => v == 0);
        var enough = baseline >= ExperimentAnalyzer.MinimumDaysPerPhase && on.Count - baseline >= ExperimentAnalyzer.MinimumDaysPerPhase;
        var fit = enough ? LevelChange.Fit([.. day], [.. on], [.. y]) : null;
        return fit is null
            ? new SensitivityRow("trend", baseline, y.Count, null, null, null, ExperimentVerdict.NotEnoughData)
            : new SensitivityRow("trend", baseline, y.Count, fit.Effect, fit.CiLow, fit.CiHigh, ExperimentAnalyzer.VerdictOf(fit.CiLow, fit.CiHigh, lowerIsBetter));
    }

    // Null when every window points the primary's way and the trend interval excludes 0 on that side; else the reason.
    private static string? Disagreement(List<SensitivityRow> rows, int sign)
    {
        var against = rows.Where(r => r.Window != "trend" && r.Effect is { } e && Math.Sign(e) != sign).Select(r => r.Window).ToList();
        var trend = rows.Single(r => r.Window == "trend");
        var trendHolds = sign < 0 ? trend.CiHigh < 0 : trend.CiLow > 0;
        if (against.Count == 0 && trendHolds)
        {
            return null;
        }

        var parts = new List<string>();
        if (against.Count > 0)
        {
            parts.Add("with the " + string.Join(" and ", against.Select(WindowName)) + " baseline the change points the other way");
        }

        if (!trendHolds)
        {
            parts.Add(trend.Effect is null
                ? "the trend-adjusted analysis could not be computed"
                : "allowing for a trend already under way, the 95% CI includes no change");
        }

        return $"{char.ToUpperInvariant(DependsOnBefore[0])}{DependsOnBefore[1..]}: {string.Join("; ", parts)}.";
    }

    /// <summary>How a window is named in sentences: "14-day", "all-days".</summary>
    /// <param name="window">The row's window.</param>
    public static string WindowName(string window) => window switch
    {
        "all" => $"all-available ({AllDays}-day)",
        "trend" => "trend-adjusted",
        _ => window + "-day",
    };

    private static FlareCheck? FlareAt(IReadOnlyDictionary<DateOnly, double> outcome, DateOnly switchDate, bool lowerIsBetter)
    {
        var own = Values(outcome, switchDate, AllDays);
        var recent = Values(outcome, switchDate, RecentDays);
        if (own.Length < 14 || recent.Length < 3)
        {
            return null;
        }

        var ownMean = Association.Mean(own);
        var sd = Math.Sqrt(own.Sum(v => (v - ownMean) * (v - ownMean)) / (own.Length - 1));
        var recentMean = Association.Mean(recent);
        var worseBy = lowerIsBetter ? recentMean - ownMean : ownMean - recentMean;
        return new FlareCheck(recent.Length, recentMean, own.Length, ownMean, sd, worseBy > sd);
    }

    // The logged values of the days calendar days before the switch, in date order.
    private static double[] Values(IReadOnlyDictionary<DateOnly, double> outcome, DateOnly switchDate, int days) =>
        [.. Enumerable.Range(-days, days).Select(switchDate.AddDays).Where(outcome.ContainsKey).Select(d => outcome[d])];
}
