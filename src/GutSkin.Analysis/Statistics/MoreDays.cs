using MathNet.Numerics.Distributions;

namespace GutSkin.Analysis;

/// <summary>
/// Rough "how many more days would likely help" estimates for a result that is not yet clear.
/// </summary>
/// <remarks>
/// The reasoning, shared by every estimate here: assume the true effect equals today's estimate and the days
/// to come look like the days so far (same spread, same streakiness, so the same ratio of effective to calendar
/// days: under the c·φᵏ model of <see cref="StreakModel"/> that ratio does not depend on the number of days). The standard error then shrinks as 1/√(n_eff − 2). We ask for the standard error at which the 95%
/// interval would settle the question with 80% probability: its distance to the relevant boundary must be
/// (t₍₁₋α/₂₎ + z₀.₈₀)·SE, the usual sample-size rule. This is a planning hint, not a promise: the estimate
/// itself will move as days are added.
/// </remarks>
public static class MoreDays
{
    /// <summary>Upper bound of every estimate (ten years); reaching it means "not realistically".</summary>
    public const int Cap = 3650;

    private const double Power = 0.80;

    /// <summary>More paired days after which a 95% (or 1 − <paramref name="alpha"/>) interval would likely
    /// exclude 0, if the effect is as estimated.</summary>
    /// <param name="effect">Current effect estimate.</param>
    /// <param name="standardError">Its standard error, ≥ 0.</param>
    /// <param name="n">Current paired days, ≥ 3.</param>
    /// <param name="effectiveDays">Current effective days, in [3, n].</param>
    /// <param name="alpha">Two-sided level, in (0, 1); pass a multiple-testing adjusted level where needed.</param>
    /// <returns>0 when already clear by this rule; <see cref="Cap"/> when the effect is 0 or the answer exceeds the cap.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range or not finite.</exception>
    public static int ToExcludeZero(double effect, double standardError, int n, double effectiveDays, double alpha = 0.05)
    {
        Validate(effect, standardError, n, effectiveDays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alpha, 1.0);
        return Solve(Math.Abs(effect), standardError, n, effectiveDays, alpha);
    }

    /// <summary>More analysable days after which the experiment's 95% interval would likely either exclude 0
    /// or lie within ±<paramref name="band"/>, whichever is nearer, if the effect is as estimated.</summary>
    /// <param name="effect">Current effect estimate.</param>
    /// <param name="standardError">Its standard error, ≥ 0.</param>
    /// <param name="n">Current analysable days, ≥ 3.</param>
    /// <param name="effectiveDays">Current effective days, in [3, n].</param>
    /// <param name="band">Half-width of the "no meaningful change" band, &gt; 0.</param>
    /// <returns>At least 0, at most <see cref="Cap"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range or not finite.</exception>
    public static int ToSettle(double effect, double standardError, int n, double effectiveDays, double band = 0.5)
    {
        Validate(effect, standardError, n, effectiveDays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(band);
        var magnitude = Math.Abs(effect);
        var toZero = Solve(magnitude, standardError, n, effectiveDays, 0.05);
        var toBand = magnitude < band ? Solve(band - magnitude, standardError, n, effectiveDays, 0.05) : Cap;
        return Math.Min(toZero, toBand);
    }

    // distance: how far the estimate is from the boundary the interval must clear.
    private static int Solve(double distance, double standardError, int n, double effectiveDays, double alpha)
    {
        if (distance <= 0)
        {
            return Cap;
        }

        if (standardError == 0)
        {
            return 0;
        }

        var daysPerEffective = n / effectiveDays;
        var df = effectiveDays - 2;
        var targetEffective = effectiveDays;
        for (var i = 0; i < 8; i++)
        {
            var multiplier = StudentTQuantile.Upper(alpha / 2, Math.Max(df, 1)) + Normal.InvCDF(0, 1, Power);
            var targetSe = distance / multiplier;
            var ratio = standardError / targetSe;
            var previous = targetEffective;
            targetEffective = 2 + ((effectiveDays - 2) * ratio * ratio);
            if (targetEffective * daysPerEffective > 10.0 * Cap)
            {
                return Cap;
            }

            df = targetEffective - 2;
            if (Math.Abs(targetEffective - previous) <= 1e-9 * targetEffective)
            {
                break;
            }
        }

        var more = (int)Math.Ceiling((targetEffective * daysPerEffective) - n - 1e-9);
        return Math.Clamp(more, 0, Cap);
    }

    private static void Validate(double effect, double standardError, int n, double effectiveDays)
    {
        if (!double.IsFinite(effect))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The effect must be finite.");
        }

        if (!double.IsFinite(standardError))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), standardError, "The standard error must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(standardError);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(effectiveDays, Association.MinimumEffectiveDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(effectiveDays, (double)n);
    }
}
