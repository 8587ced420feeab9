namespace GutSkin.Analysis;

/// <summary>
/// The one association method of the product: least-squares effect with a standard error corrected for
/// day-to-day autocorrelation (Bartlett's effective sample size), Student-t p-value and 95% CI.
/// </summary>
public static class Association
{
    /// <summary>Smallest effective sample size used (so that the t distribution has at least 1 degree of freedom).</summary>
    public const double MinimumEffectiveDays = 3;

    // Below this, 1 − r² is rounding noise of a perfect linear relation and is taken as exactly 0,
    // so that a perfect fit gives SE 0, p 0 and CI [b, b] on every platform rather than a tiny random SE.
    private const double PerfectFitTolerance = 1e-15;

    /// <summary>Computes the association of <paramref name="factor"/> (x) with <paramref name="outcome"/> (y)
    /// over paired rows in date order.</summary>
    /// <param name="factor">Factor values, one per row.</param>
    /// <param name="outcome">Outcome values, one per row, aligned with <paramref name="factor"/>.</param>
    /// <returns>The statistics; no field is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, have fewer than 3 rows, contain a
    /// non-finite value, or either series is constant (zero variance: the slope is undefined).</exception>
    public static AssociationStatistics Compute(ReadOnlySpan<double> factor, ReadOnlySpan<double> outcome)
    {
        if (factor.Length != outcome.Length)
        {
            throw new ArgumentException("Factor and outcome must have the same number of rows.", nameof(outcome));
        }

        if (factor.Length < 3)
        {
            throw new ArgumentException("At least 3 paired rows are needed.", nameof(factor));
        }

        foreach (var v in factor)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Factor values must be finite.", nameof(factor));
            }
        }

        foreach (var v in outcome)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Outcome values must be finite.", nameof(outcome));
            }
        }

        if (IsConstant(factor))
        {
            throw new ArgumentException("The factor does not vary.", nameof(factor));
        }

        if (IsConstant(outcome))
        {
            throw new ArgumentException("The outcome does not vary.", nameof(outcome));
        }

        return ComputeUnchecked(factor, outcome);
    }

    /// <summary>Builds the paired rows of a factor and an outcome at a lag: the days <c>d</c> on which the outcome
    /// is logged and the factor is logged on <c>d − lag</c> (calendar days), in date order.</summary>
    /// <param name="factor">Dense daily factor series (NaN = not logged).</param>
    /// <param name="outcome">Dense daily outcome series over the same days as <paramref name="factor"/>.</param>
    /// <param name="lag">Lag in days, 0 or more.</param>
    /// <param name="x">Receives the factor value of each row; needs room for <c>outcome.Length</c> rows.</param>
    /// <param name="y">Receives the outcome value of each row; needs room for <c>outcome.Length</c> rows.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">The series differ in length, or a buffer is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lag"/> is negative.</exception>
    public static int PairRows(ReadOnlySpan<double> factor, ReadOnlySpan<double> outcome, int lag, Span<double> x, Span<double> y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        if (factor.Length != outcome.Length)
        {
            throw new ArgumentException("Factor and outcome must cover the same days.", nameof(outcome));
        }

        if (x.Length < outcome.Length || y.Length < outcome.Length)
        {
            throw new ArgumentException("Row buffers must hold one row per day.", nameof(x));
        }

        var n = 0;
        for (var d = lag; d < outcome.Length; d++)
        {
            var yd = outcome[d];
            var xd = factor[d - lag];
            if (!double.IsNaN(yd) && !double.IsNaN(xd))
            {
                x[n] = xd;
                y[n] = yd;
                n++;
            }
        }

        return n;
    }

    internal static bool IsConstant(ReadOnlySpan<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Requires n ≥ 3, finite values and neither series constant.</summary>
    internal static AssociationStatistics ComputeUnchecked(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        double sumX = 0, sumY = 0;
        for (var i = 0; i < n; i++)
        {
            sumX += x[i];
            sumY += y[i];
        }

        var meanX = sumX / n;
        var meanY = sumY / n;
        var prevX = x[0] - meanX;
        var prevY = y[0] - meanY;
        var sxx = prevX * prevX;
        var syy = prevY * prevY;
        var sxy = prevX * prevY;
        double axx = 0, ayy = 0; // lag-1 autocovariance numerators
        for (var i = 1; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
            axx += prevX * dx;
            ayy += prevY * dy;
            prevX = dx;
            prevY = dy;
        }

        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
        var ratio = Math.Sqrt(syy / sxx); // s_y / s_x: the n − 1 cancels
        var effect = r * ratio;
        var rhoX = axx / sxx;
        var rhoY = ayy / syy;
        var product = rhoX * rhoY;
        var nEff = product > 0 ? n * (1 - product) / (1 + product) : n;
        nEff = Math.Max(nEff, MinimumEffectiveDays);
        var df = nEff - 2;

        var oneMinusR2 = 1 - (r * r);
        if (oneMinusR2 <= PerfectFitTolerance)
        {
            var infinite = effect >= 0 ? double.PositiveInfinity : double.NegativeInfinity;
            return new AssociationStatistics(n, r, effect, rhoX, rhoY, nEff, df, 0, infinite, 0, effect, effect);
        }

        var se = ratio * Math.Sqrt(oneMinusR2 / df);
        var t = effect / se;
        var p = TwoSidedP(t, df);
        var q = TQuantile975(df);
        return new AssociationStatistics(n, r, effect, rhoX, rhoY, nEff, df, se, t, p, effect - (q * se), effect + (q * se));
    }

    /// <summary>Two-sided p-value of <paramref name="t"/> under Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double TwoSidedP(double t, double df) =>
        Math.Min(1.0, 2 * StudentTQuantile.Tail(Math.Abs(t), df));

    /// <summary>The 0.975 quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double TQuantile975(double df) => StudentTQuantile.Upper(0.025, df);
}
