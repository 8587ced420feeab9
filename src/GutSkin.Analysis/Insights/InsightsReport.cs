using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>The answer of <see cref="InsightsAnalyzer.Analyze"/>; serialises (camelCase) to the <c>/api/insights</c> document.</summary>
/// <param name="MaxLag">Largest lag tested, in days.</param>
/// <param name="Associations">Every test that ran, in plan order (factor, then outcome, then lag).</param>
/// <param name="NotTested">Every planned pair that was not tested, with what is missing, in plan order.</param>
/// <param name="Findings">Associations with q ≤ 0.10, strongest evidence first (ascending q, then p).</param>
public sealed record InsightsReport(
    int MaxLag,
    IReadOnlyList<AssociationResult> Associations,
    IReadOnlyList<NotTestedPair> NotTested,
    IReadOnlyList<Finding> Findings);

/// <summary>One test of a factor against an outcome at a lag.</summary>
/// <param name="Factor">Factor key (habit, gut item or <c>gut_score</c>).</param>
/// <param name="Outcome">Outcome key (skin item, <c>skin_score</c>, gut item or <c>gut_score</c>).</param>
/// <param name="LagDays">The factor's day is this many calendar days before the outcome's day.</param>
/// <param name="N">Paired days.</param>
/// <param name="EffectiveDays">Paired days corrected for streaks (see <see cref="AssociationStatistics.EffectiveDays"/>).</param>
/// <param name="Effect">Outcome change per unit of the factor (yes/no factor: yes-days minus no-days).</param>
/// <param name="StandardError">Standard error of <paramref name="Effect"/>.</param>
/// <param name="CiLow">Lower end of the 95% confidence interval.</param>
/// <param name="CiHigh">Upper end of the 95% confidence interval.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="QValue">Benjamini–Hochberg q-value over all tests of the analysis.</param>
public sealed record AssociationResult(
    string Factor,
    string Outcome,
    int LagDays,
    int N,
    double EffectiveDays,
    double Effect,
    double StandardError,
    double CiLow,
    double CiHigh,
    double PValue,
    double QValue);

/// <summary>Why a planned pair was not tested.</summary>
/// <remarks>Serialises as the camelCase member name, e.g. <c>"tooFewDays"</c>.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<NotTestedKind>))]
public enum NotTestedKind
{
    /// <summary>Fewer than 14 paired days.</summary>
    [JsonStringEnumMemberName("tooFewDays")]
    TooFewDays,

    /// <summary>A yes/no factor has fewer than 10 paired days with a yes.</summary>
    [JsonStringEnumMemberName("tooFewYesDays")]
    TooFewYesDays,

    /// <summary>A yes/no factor has fewer than 10 paired days with a no.</summary>
    [JsonStringEnumMemberName("tooFewNoDays")]
    TooFewNoDays,

    /// <summary>The factor has the same value on every paired day.</summary>
    [JsonStringEnumMemberName("factorConstant")]
    FactorConstant,

    /// <summary>The outcome has the same value on every paired day.</summary>
    [JsonStringEnumMemberName("outcomeConstant")]
    OutcomeConstant,

    /// <summary>The effect, its standard error or interval would lie beyond the range of a double (about 1.8e308),
    /// or the standard error below its full-precision range (about 2.2e-308): values of wildly different size.</summary>
    [JsonStringEnumMemberName("outOfRange")]
    OutOfRange,
}

/// <summary>A planned pair that was not tested ("not enough data").</summary>
/// <param name="Factor">Factor key.</param>
/// <param name="Outcome">Outcome key.</param>
/// <param name="LagDays">Lag in days.</param>
/// <param name="N">Paired days available.</param>
/// <param name="Reason">Plain sentence saying what is missing.</param>
/// <param name="Kind">The rule that stopped the test.</param>
/// <param name="MissingDays">For the too-few kinds, how many more paired days (of the short kind) the rule needs; null otherwise.</param>
public sealed record NotTestedPair(
    string Factor,
    string Outcome,
    int LagDays,
    int N,
    string Reason,
    NotTestedKind Kind,
    int? MissingDays);

/// <summary>An association strong enough to tell the member (q ≤ 0.10).</summary>
/// <param name="Factor">Factor key.</param>
/// <param name="Outcome">Outcome key.</param>
/// <param name="LagDays">Lag in days.</param>
/// <param name="Text">The sentence shown to the member; it ends by saying association is not proof of cause.</param>
/// <param name="Effect">Outcome change per unit of the factor.</param>
/// <param name="CiLow">Lower end of the 95% confidence interval.</param>
/// <param name="CiHigh">Upper end of the 95% confidence interval.</param>
/// <param name="N">Paired days.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="QValue">Benjamini–Hochberg q-value.</param>
/// <param name="IsGutSkinLink">True when the factor is a gut item or <c>gut_score</c> (the member's own gut–skin link).</param>
public sealed record Finding(
    string Factor,
    string Outcome,
    int LagDays,
    string Text,
    double Effect,
    double CiLow,
    double CiHigh,
    int N,
    double PValue,
    double QValue,
    bool IsGutSkinLink)
{
    /// <summary>The finding in plain words for a reader without statistics: effect and range in words, how sure
    /// by the <see cref="Strengths"/> rule, no p, q or CI (see <see cref="Text"/> for those).</summary>
    public string Plain { get; init; } = "";

    /// <summary>How sure, from <see cref="QValue"/> by the stated rule.</summary>
    public Strength Strength => Strengths.Of(QValue);
}
