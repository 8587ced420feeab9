namespace GutSkin.Analysis;

/// <summary>
/// How streaky one series is over the rows of a test: its lag-1 and lag-2 autocorrelations and the model
/// ρ(k) = c·φᵏ fitted to them ("a streak plus day-to-day noise").
/// </summary>
/// <remarks>
/// Self-rated scores put rating noise and whole-point rounding on top of the streak, so the autocorrelation drops
/// at lag 1 and then decays slowly: c &lt; 1. Extrapolating from lag 1 alone (c = 1, φ = ρ₁) then misses the long
/// tail and overstates the information in the days.
/// </remarks>
/// <param name="Rho1">Lag-1 autocorrelation ρ₁ = Σᵢ₌₁ⁿ⁻¹ (vᵢ − v̄)(vᵢ₊₁ − v̄) / Σᵢ₌₁ⁿ (vᵢ − v̄)², in [−1, 1].</param>
/// <param name="Rho2">Lag-2 autocorrelation, the same with vᵢ₊₂.</param>
/// <param name="C">c of the model: ρ₁/φ when the model branch applies, else 1.</param>
/// <param name="Phi">φ of the model, in [−0.99, 0.99].</param>
public readonly record struct StreakModel(double Rho1, double Rho2, double C, double Phi)
{
    /// <summary>Largest |φ|: keeps the effective-days sum finite for a series that never decays.</summary>
    public const double MaxPhi = 0.99;

    /// <summary>
    /// Fits ρ(k) = c·φᵏ: when ρ₁ &gt; 0 and ρ₂ &gt; ρ₁², φ = min(ρ₂/ρ₁, 0.99) and c = ρ₁/φ (the autocorrelation
    /// decays more slowly than AR(1)); otherwise φ = ρ₁ clipped to [−0.99, 0.99] and c = 1 (exactly AR(1)).
    /// </summary>
    /// <param name="rho1">Lag-1 autocorrelation.</param>
    /// <param name="rho2">Lag-2 autocorrelation.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [−1, 1].</exception>
    public static StreakModel Fit(double rho1, double rho2)
    {
        if (!(Math.Abs(rho1) <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho1), rho1, "An autocorrelation lies in [-1, 1].");
        }

        if (!(Math.Abs(rho2) <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho2), rho2, "An autocorrelation lies in [-1, 1].");
        }

        if (rho1 > 0 && rho2 > rho1 * rho1)
        {
            var phi = Math.Min(rho2 / rho1, MaxPhi);
            return new StreakModel(rho1, rho2, rho1 / phi, phi);
        }

        return new StreakModel(rho1, rho2, 1, Math.Clamp(rho1, -MaxPhi, MaxPhi));
    }

    /// <summary>
    /// Effective days of a test over <paramref name="n"/> rows (Bartlett's sum for two series with ρ(k) = c·φᵏ):
    /// n when ρ₁ of the factor times ρ₁ of the outcome is 0 or less; otherwise, with a = φx·φy,
    /// n / (1 + 2·cx·cy·a/(1 − a)), which for c = 1 is the AR(1) form n(1 − a)/(1 + a). Never below 3.
    /// </summary>
    /// <param name="n">Rows of the test, 3 or more.</param>
    /// <param name="factor">The factor's model.</param>
    /// <param name="outcome">The outcome's model.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 3.</exception>
    public static double EffectiveDays(int n, StreakModel factor, StreakModel outcome)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 3);
        if (factor.Rho1 * outcome.Rho1 <= 0)
        {
            return n;
        }

        // Both ρ₁ share a sign, so both φ do (a model φ is positive with ρ₁) and a > 0: the divisor exceeds 1.
        var a = factor.Phi * outcome.Phi;
        var nEff = n / (1 + (2 * factor.C * outcome.C * a / (1 - a)));
        return Math.Max(nEff, Association.MinimumEffectiveDays);
    }
}
