using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>What an N-of-1 experiment showed, for a symptom where lower is better unless said otherwise.</summary>
/// <remarks>Serialises as <c>noMeaningfulChange</c>, <c>helped</c>, <c>worse</c>, <c>notYetClear</c>, <c>notEnoughData</c>.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ExperimentVerdict>))]
public enum ExperimentVerdict
{
    /// <summary>The 95% CI lies within [−0.5, 0.5]: any change is too small to matter.</summary>
    [JsonStringEnumMemberName("noMeaningfulChange")]
    NoMeaningfulChange,

    /// <summary>The 95% CI lies wholly on the better side of 0.</summary>
    [JsonStringEnumMemberName("helped")]
    Helped,

    /// <summary>The 95% CI lies wholly on the worse side of 0.</summary>
    [JsonStringEnumMemberName("worse")]
    Worse,

    /// <summary>None of the above yet; more days would likely settle it.</summary>
    [JsonStringEnumMemberName("notYetClear")]
    NotYetClear,

    /// <summary>Fewer than 7 analysable days in a phase: nothing was computed.</summary>
    [JsonStringEnumMemberName("notEnoughData")]
    NotEnoughData,
}

/// <summary>The result of <see cref="ExperimentAnalyzer.Analyze(IReadOnlyDictionary{DateOnly, double}, IReadOnlyDictionary{DateOnly, double}?, ExperimentDesign, bool, DateOnly?)"/>.</summary>
/// <param name="N">Analysable days: outcome logged, inside the experiment, not an onset day.</param>
/// <param name="EffectiveDays">Days corrected for streaks (see <see cref="AssociationStatistics.EffectiveDays"/>);
/// equal to <paramref name="N"/> when the outcome never varied, 0 when there is not enough data.</param>
/// <param name="Effect">Intervention-day mean minus baseline-day mean (the slope on the 0/1 intervention indicator);
/// null when there is not enough data.</param>
/// <param name="StandardError">Standard error of the effect; 0 when the outcome never varied.</param>
/// <param name="CiLow">Lower end of the 95% CI.</param>
/// <param name="CiHigh">Upper end of the 95% CI.</param>
/// <param name="PValue">Two-sided p-value; 1 when the outcome never varied.</param>
/// <param name="BaselineDays">Analysable baseline days.</param>
/// <param name="InterventionDays">Analysable intervention days.</param>
/// <param name="ExcludedDays">Calendar days left out as onset or wash-out days.</param>
/// <param name="Adherence">Share of the intervention days so far (onset days included) on which the intervention was
/// logged as done (<see cref="ExperimentDesign.Adherence"/>); null when no intervention series was given or no
/// intervention day has come yet.</param>
/// <param name="Verdict">The first verdict rule that holds.</param>
/// <param name="MoreDaysNeeded">For <see cref="ExperimentVerdict.NotYetClear"/>: more analysable days that would
/// likely settle it (<see cref="MoreDays.ToSettle"/>); for <see cref="ExperimentVerdict.NotEnoughData"/>: the days
/// missing to reach 7 in each phase; otherwise null.</param>
/// <param name="BaselineMean">Mean outcome on analysable baseline days; null when there are none.</param>
/// <param name="InterventionMean">Mean outcome on analysable intervention days; null when there are none.</param>
public record ExperimentResult(
    int N,
    double EffectiveDays,
    double? Effect,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    double? PValue,
    int BaselineDays,
    int InterventionDays,
    int ExcludedDays,
    double? Adherence,
    ExperimentVerdict Verdict,
    int? MoreDaysNeeded,
    double? BaselineMean,
    double? InterventionMean);
