using GutSkin.Analysis;

namespace GutSkin.Web.Features.Experiments;

/// <summary>How a result's verdict and its sensitivity check are written, the same on the experiment's page, the
/// printable report and the PDF.</summary>
public static class ExperimentWords
{
    public static readonly IReadOnlyList<string> SensitivityColumns = ["Baseline", "Effect", "95% CI", "Verdict"];

    /// <summary>"Helped", "Not yet clear"…</summary>
    public static string Verdict(ExperimentVerdict verdict) => verdict switch
    {
        ExperimentVerdict.Helped => "Helped",
        ExperimentVerdict.Worse => "Worse",
        ExperimentVerdict.NoMeaningfulChange => "No meaningful change",
        ExperimentVerdict.NotYetClear => "Not yet clear",
        ExperimentVerdict.NotEnoughData => "Not enough data yet",
    };

    /// <summary>A sensitivity row's baseline in words: "Last 14 days (12 logged)", "Allowing for a trend (…)".</summary>
    public static string Window(SensitivityRow row) => row.Window switch
    {
        "trend" => $"Allowing for a trend ({row.BaselineDays} days before)",
        "all" => $"All, up to {ExperimentSensitivity.AllDays} days ({row.BaselineDays} logged)",
        _ => $"Last {row.Window} days ({row.BaselineDays} logged)",
    };

    /// <summary>"-2.11 to -0.04", or "–" without an estimate.</summary>
    public static string Interval(double? effect, double? low, double? high) =>
        effect is null ? Numbers.Missing : $"{Numbers.Effect(low)} to {Numbers.Effect(high)}";

    /// <summary>The check as table rows: the planned comparison first, then each re-run (empty when there is none).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SensitivityTable(ExperimentResultResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Sensitivity.Count == 0)
        {
            return [];
        }

        return
        [
            [$"As planned ({r.BaselineDays} days)", Numbers.Effect(r.Effect), Interval(r.Effect, r.CiLow, r.CiHigh), Verdict(r.PrimaryVerdict)],
            .. r.Sensitivity.Select(row => (IReadOnlyList<string>)[Window(row), Numbers.Effect(row.Effect), Interval(row.Effect, row.CiLow, row.CiHigh), Verdict(row.Verdict)]),
        ];
    }
}
