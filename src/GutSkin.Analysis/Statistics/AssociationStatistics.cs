namespace GutSkin.Analysis;

/// <summary>The association of a factor with an outcome over paired rows, computed by <see cref="Association.Compute"/>.</summary>
/// <param name="N">Number of paired rows.</param>
/// <param name="R">Pearson correlation, in [−1, 1].</param>
/// <param name="Effect">Least-squares slope b = r·s_y/s_x: outcome change per unit of the factor
/// (for a 0/1 factor, yes-rows minus no-rows).</param>
/// <param name="Factor">Lag-1 and lag-2 autocorrelations of the factor over the rows, and its c·φᵏ model.</param>
/// <param name="Outcome">The same for the outcome.</param>
/// <param name="EffectiveDays">See <see cref="StreakModel.EffectiveDays"/>: n when the lag-1 autocorrelations have
/// opposite signs (or one is 0), else n/(1 + 2·cx·cy·a/(1 − a)) with a = φx·φy; never below 3.</param>
/// <param name="DegreesOfFreedom">EffectiveDays − 2, at least 1 and not an integer in general.</param>
/// <param name="StandardError">(s_y/s_x)·√((1 − r²)/(n_eff − 2)); exactly 0 when |r| = 1 (to rounding).</param>
/// <param name="T">Effect / StandardError; ±∞ when the standard error is 0.</param>
/// <param name="PValue">Two-sided p from Student's t with <paramref name="DegreesOfFreedom"/>; 0 when the standard error is 0.</param>
/// <param name="CiLow">Lower end of the 95% confidence interval of the effect.</param>
/// <param name="CiHigh">Upper end of the 95% confidence interval of the effect.</param>
public sealed record AssociationStatistics(
    int N,
    double R,
    double Effect,
    StreakModel Factor,
    StreakModel Outcome,
    double EffectiveDays,
    double DegreesOfFreedom,
    double StandardError,
    double T,
    double PValue,
    double CiLow,
    double CiHigh);
