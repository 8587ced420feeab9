namespace GutSkin.Analysis;

/// <summary>The trend-adjusted effect of an experiment, computed by <see cref="LevelChange.Fit"/>.</summary>
/// <param name="N">Days in the fit.</param>
/// <param name="Effect">c: the level change at the switch, over the common slope.</param>
/// <param name="Slope">b: the outcome's change per day (the trend).</param>
/// <param name="Indicator">Streak model of the intervention indicator after removing the intercept and the trend
/// (the part of the indicator that c is estimated from).</param>
/// <param name="Residuals">Streak model of the fit's residuals.</param>
/// <param name="EffectiveDays">Bartlett's effective days of <paramref name="Indicator"/> and
/// <paramref name="Residuals"/> (<see cref="StreakModel.EffectiveDays"/>), never below 4.</param>
/// <param name="DegreesOfFreedom">EffectiveDays − 3 (three coefficients).</param>
/// <param name="StandardError">√(Σe² / (n_eff − 3) / Σĩ²); 0 for a perfect fit.</param>
/// <param name="PValue">Two-sided p from Student's t with <paramref name="DegreesOfFreedom"/>.</param>
/// <param name="CiLow">Lower end of the 95% CI of c.</param>
/// <param name="CiHigh">Upper end of the 95% CI of c.</param>
public sealed record LevelChangeStatistics(
    int N,
    double Effect,
    double Slope,
    StreakModel Indicator,
    StreakModel Residuals,
    double EffectiveDays,
    double DegreesOfFreedom,
    double StandardError,
    double PValue,
    double CiLow,
    double CiHigh);

/// <summary>
/// Segmented regression for an experiment: y = a + b·t + c·I, t the day number and I 1 on intervention days,
/// fitted by least squares over the analysable days in date order. c is the level change at the switch over a trend
/// that was already under way.
/// </summary>
/// <remarks>
/// Computed by the Frisch–Waugh route: with ĩ and ỹ the indicator and the outcome after removing their means and
/// their least-squares slope on t, c = Σĩỹ / Σĩ², residuals e = ỹ − c·ĩ. Uncertainty as for an association, with the
/// residuals in place of the outcome: the c·φᵏ streak models of ĩ and of e (<see cref="StreakModel.Fit"/>) give
/// Bartlett's effective days n_eff (<see cref="StreakModel.EffectiveDays"/>, never below 4), then
/// SE = √(Σe² / (n_eff − 3) / Σĩ²), Student's t with n_eff − 3 degrees of freedom for p and the 95% CI.
/// </remarks>
public static class LevelChange
{
    /// <summary>Smallest effective days used: three coefficients and at least one degree of freedom.</summary>
    public const double MinimumEffectiveDays = 4;

    /// <summary>Fits the segmented regression.</summary>
    /// <param name="day">Day numbers, increasing.</param>
    /// <param name="on">1 on intervention days, 0 on baseline days.</param>
    /// <param name="outcome">Outcome values.</param>
    /// <returns>The statistics; null when the spans differ in length, there are fewer than 5 days, or the indicator
    /// is fully explained by the trend (no level change can be told apart), or a number leaves the double range.</returns>
    public static LevelChangeStatistics? Fit(ReadOnlySpan<double> day, ReadOnlySpan<double> on, ReadOnlySpan<double> outcome)
    {
        var n = day.Length;
        if (n < 5 || on.Length != n || outcome.Length != n)
        {
            return null;
        }

        var t = Centred(day);
        var stt = Dot(t, t);
        if (stt == 0)
        {
            return null;
        }

        var i = Detrended(Centred(on), t, stt, out _);
        var y = Detrended(Centred(outcome), t, stt, out var outcomeSlope);
        var sii = Dot(i, i);
        if (!(sii > 1e-9 * n))
        {
            return null;
        }

        var c = Dot(i, y) / sii;
        var e = y.Select((v, k) => v - (c * i[k])).ToArray();

        // b of the full model: the outcome's slope on t minus c times the indicator's slope on t.
        var slope = outcomeSlope - (c * Dot(Centred(on), t) / stt);
        return Uncertainty(n, c, slope, i, e, sii);
    }

    private static LevelChangeStatistics? Uncertainty(int n, double c, double slope, double[] i, double[] e, double sii)
    {
        var indicator = Streak(i);
        var rss = Dot(e, e);
        if (rss <= 1e-24 * Math.Max(1, c * c * sii))
        {
            var exact = new StreakModel(0, 0, 1, 0);
            return new LevelChangeStatistics(n, c, slope, indicator, exact, n, n - 3, 0, 0, c, c);
        }

        var residuals = Streak(e);
        var nEff = Math.Max(StreakModel.EffectiveDays(n, indicator, residuals), MinimumEffectiveDays);
        var df = nEff - 3;
        var se = Math.Sqrt(rss / df / sii);
        var p = Association.TwoSidedP(c / se, df);
        var q = Association.TQuantile975(df);
        var (low, high) = (c - (q * se), c + (q * se));
        return double.IsFinite(low) && double.IsFinite(high) && double.IsFinite(slope)
            ? new LevelChangeStatistics(n, c, slope, indicator, residuals, nEff, df, se, p, low, high)
            : null;
    }

    private static StreakModel Streak(double[] v)
    {
        var s = Dot(v, v);
        double a1 = 0, a2 = 0;
        for (var k = 0; k + 1 < v.Length; k++)
        {
            a1 += v[k] * v[k + 1];
            a2 += k + 2 < v.Length ? v[k] * v[k + 2] : 0;
        }

        return StreakModel.Fit(Math.Clamp(a1 / s, -1, 1), Math.Clamp(a2 / s, -1, 1));
    }

    private static double[] Centred(ReadOnlySpan<double> values)
    {
        var mean = Association.Mean(values);
        var centred = new double[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            centred[k] = values[k] - mean;
        }

        return centred;
    }

    // The centred values minus their least-squares slope on the centred days t.
    private static double[] Detrended(double[] centred, double[] t, double stt, out double slope)
    {
        slope = Dot(centred, t) / stt;
        var s = slope;
        return [.. centred.Select((v, k) => v - (s * t[k]))];
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
