using System.Globalization;
using GutSkin.Analysis;
using GutSkin.Web.Features.Experiments;

namespace GutSkin.Web.Features.Report;

/// <summary>
/// The report's words, written to a clinician about the patient (third person), shared by the printable page and
/// the PDF; every statistic through <see cref="Numbers"/>.
/// </summary>
public static class ClinicianText
{
    public const string Disclaimer = "Self-recorded by the patient. This report informs and measures; it does not diagnose.";

    /// <summary>"1 June 2025 to 31 May 2026 (365 days). The patient logged at least one skin or gut symptom on 300 of them (82%)."</summary>
    public static string Period(ReportData r) =>
        $"{r.From.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {r.To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} ({r.Days} days). " +
        $"The patient logged at least one skin or gut symptom on {r.DaysWithAnyEntry} of them ({Numbers.Percent(r.Days == 0 ? 0 : (double)r.DaysWithAnyEntry / r.Days)}).";

    public static string Prepared(ReportData r) =>
        $"Prepared {r.CreatedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} from the patient's GutSkin journal{(string.IsNullOrWhiteSpace(r.Name) ? "" : $" ({r.Name})")}.";

    public static string Completeness(ItemCompleteness item) => $"{item.DaysLogged} of {item.DaysInPeriod} days ({Numbers.Percent(item.Share)})";

    public static string Group(ItemGroup group) => group.ToString().ToLowerInvariant();

    /// <summary>A finding's columns: factor, outcome, timing, the effect with its interval, days, q and the strength word.</summary>
    public static ReportFinding Finding(Finding finding, JournalData journal)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(journal);
        var factor = journal.GetItem(finding.Factor);
        var outcome = journal.GetItem(finding.Outcome);
        var decimals = Numbers.Decimals(finding.Effect, finding.CiLow, finding.CiHigh);
        var per = factor.IsYesNo ? "on yes-days vs no-days" : "per " + UnitWords.Factor(factor.Unit);
        var effect = $"{Numbers.WithSign(finding.Effect, decimals)} {UnitWords.Outcome(outcome.Unit)} {per} ({Numbers.Fixed(finding.CiLow, decimals)} to {Numbers.Fixed(finding.CiHigh, decimals)})";
        return new ReportFinding(
            factor.Label,
            outcome.Label,
            Timing(finding.LagDays),
            effect,
            finding.N.ToString(CultureInfo.InvariantCulture),
            Numbers.P(finding.QValue),
            Strengths.Of(finding.QValue).Word());
    }

    /// <summary>When the outcome was measured after the factor: "same day", "next day", "2 days later".</summary>
    public static string Timing(int lag) => lag switch
    {
        0 => "same day",
        1 => "next day",
        _ => $"{lag} days later",
    };

    /// <summary>"mean 3.1; first half 4.0, second half 2.3; 80 of 90 days logged".</summary>
    public static string Trend(SymptomTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var half = trend.Values.Count / 2;
        var logged = trend.Values.Count(v => v is not null);
        return $"mean {Numbers.Score(Mean(trend.Values))}; first half {Numbers.Score(Mean(trend.Values.Take(half)))}, second half {Numbers.Score(Mean(trend.Values.Skip(half)))}; " +
            $"{logged} of {trend.Values.Count} days logged";
    }

    /// <summary>"taken on 40 of 52 days logged" or "typical dose 250 mg (median of 40 days taken); 52 days logged".</summary>
    public static string Treatment(TreatmentSummary t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.IsYesNo || t.TypicalDose is not { } dose
            ? $"taken on {t.DaysTaken} of {t.DaysLogged} days logged"
            : $"typical dose {Dose(dose)} {t.Unit} (median of {t.DaysTaken} days taken); {t.DaysLogged} days logged";
    }

    /// <summary>"Took a probiotic supplement → Redness / rosacea; 2025-06-01 to 2026-05-31, baseline then intervention, 14 onset days left out."</summary>
    public static string ExperimentSetup(ReportExperiment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var design = e.Experiment.Design == "ab" ? $"baseline then intervention from {e.Experiment.Switch}" : $"alternating blocks of {e.Experiment.BlockDays} days";
        return $"{e.InterventionLabel} → {e.OutcomeLabel}; {e.Experiment.Start} to {e.Experiment.End}, {design}; {e.Experiment.OnsetDays} onset day(s) after each switch left out.";
    }

    /// <summary>"Verdict: helped. Redness / rosacea changed by −1.2 points with the intervention (95% CI −2.0 to −0.4), p = 0.003; ..."</summary>
    public static string ExperimentResult(ReportExperiment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = e.Result;
        var change = r.Effect is { } effect
            ? $" {e.OutcomeLabel} changed by {Numbers.WithSign(effect, Decimals(r))} points with the intervention (95% CI {Numbers.Fixed(r.CiLow, Decimals(r))} to {Numbers.Fixed(r.CiHigh, Decimals(r))}){(r.PValue is { } p ? ", " + Numbers.PClause("p", p) : "")}."
            : "";
        var adherence = r.Adherence is { } a ? $"; the patient kept to the plan on {Numbers.Percent(a)} of intervention days" : "";
        return $"Verdict: {Verdict(r.Verdict)}.{change} {r.N} days used ({Numbers.Days(r.EffectiveDays)} effective), {r.ExcludedDays} left out{adherence}.";
    }

    public static string Verdict(ExperimentVerdict verdict) => ExperimentWords.Verdict(verdict).ToLowerInvariant();

    /// <summary>Why the verdict was downgraded, and whether the experiment began during a flare, in the third person.</summary>
    public static IEnumerable<string> ExperimentCaveats(ReportExperiment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Result.SensitivityReason is { } reason)
        {
            yield return $"The planned comparison alone said \u201c{Verdict(e.Result.PrimaryVerdict)}\u201d; not every sensitivity check agrees. {reason}";
        }

        if (e.Result.Flare is { DuringFlare: true } flare)
        {
            yield return $"The last {flare.RecentDays} logged days before the change averaged {Numbers.Score(flare.RecentMean)}, against {Numbers.Score(flare.OwnMean)} (SD {Numbers.Score(flare.OwnSd)}) over the {flare.OwnDays} logged days before: the experiment began during a flare, so some improvement was expected anyway (regression to the mean).";
        }
    }

    private static int Decimals(Experiments.ExperimentResultResponse r) =>
        Numbers.Decimals(r.Effect ?? 0, r.CiLow ?? 0, r.CiHigh ?? 0);

    private static double? Mean(IEnumerable<double?> values)
    {
        var logged = values.OfType<double>().ToList();
        return logged.Count == 0 ? null : logged.Average();
    }

    private static string Dose(double dose) => Numbers.Fixed(dose, dose == Math.Floor(dose) ? 0 : Numbers.Decimals(dose));
}
