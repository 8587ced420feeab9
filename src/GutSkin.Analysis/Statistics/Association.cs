using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GutSkin.Analysis;

/// <summary>Whether the effect, standard error and interval of a test fit in a double.</summary>
internal enum Magnitude
{
    InRange,
    TooLarge,
    TooSmall,
}

/// <summary>
/// The one association method of the product: least-squares effect with a standard error corrected for
/// day-to-day autocorrelation (Bartlett's effective sample size under the c·φᵏ model of <see cref="StreakModel"/>),
/// Student-t p-value and 95% CI.
/// </summary>
public static class Association
{
    /// <summary>Smallest effective sample size used (so that the t distribution has at least 1 degree of freedom).</summary>
    public const double MinimumEffectiveDays = 3;

    // Centred values of the series of one test, per thread: the scan runs thousands of tests without allocating.
    [ThreadStatic]
    private static double[]? t_centred;

    // The smallest double with full precision; a standard error below it has lost digits.
    private const double SmallestNormal = 2.2250738585072014E-308;

    // Below this, 1 − r² is rounding noise of a perfect linear relation and is taken as exactly 0,
    // so that a perfect fit gives SE 0, p 0 and CI [b, b] on every platform rather than a tiny random SE.
    private const double PerfectFitTolerance = 1e-15;

    /// <summary>Computes the association of <paramref name="factor"/> (x) with <paramref name="outcome"/> (y)
    /// over paired rows in date order.</summary>
    /// <param name="factor">Factor values, one per row.</param>
    /// <param name="outcome">Outcome values, one per row, aligned with <paramref name="factor"/>.</param>
    /// <returns>The statistics; no field is NaN, and only <see cref="AssociationStatistics.T"/> can be infinite
    /// (a perfect fit). Any finite values give exact-to-rounding results, however large or small.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, have fewer than 3 rows, contain a
    /// non-finite value, or either series is constant (zero variance: the slope is undefined); or the effect, its
    /// standard error or interval lies beyond the range of a double (e.g. an outcome near 1e300 against a factor near
    /// 1e-300), or the standard error below the smallest full-precision double (about 2.2e-308).</exception>
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

        var (statistics, magnitude) = ComputeUnchecked(factor, outcome);
        return magnitude switch
        {
            Magnitude.InRange => statistics,
            _ => throw new ArgumentException(OutOfRangeReason(magnitude), nameof(outcome)),
        };
    }

    /// <summary>The sentence a member reads when a test's numbers do not fit in a double.</summary>
    internal static string OutOfRangeReason(Magnitude magnitude) => magnitude == Magnitude.TooLarge
        ? "The values are too large to compare: the effect or its interval would pass about 1.8e308, the largest number the analysis can hold."
        : "The values are too small to compare: the standard error would fall below about 2.2e-308, the smallest number the analysis can hold precisely.";

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

    /// <summary>
    /// Requires n ≥ 3, finite values and neither series constant. Every sum runs on centred values scaled by a power
    /// of two (exact) that brings each series' largest |value| near 1, so no square overflows or underflows whatever
    /// the values' size; only the effect, its standard error and interval are scaled back. The magnitude says whether
    /// those fit in a double.
    /// </summary>
    internal static (AssociationStatistics Statistics, Magnitude Magnitude) ComputeUnchecked(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var buffer = t_centred is { } b && b.Length >= 2 * n ? b : (t_centred = new double[Math.Max(2 * n, 2048)]);
        var dx = buffer.AsSpan(0, n);
        var dy = buffer.AsSpan(n, n);
        var exponentX = Centre(x, dx);
        var exponentY = Centre(y, dy);
        var (sxx, syy, sxy, a1x, a2x, a1y, a2y) = Sums(dx, dy);

        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
        var ratio = Math.Sqrt(syy / sxx); // s_y / s_x of the scaled values: the n − 1 cancels
        // |ρ| < 1 mathematically; the clamp only keeps rounding of a near-perfect streak from stepping past it.
        var factor = StreakModel.Fit(Math.Clamp(a1x / sxx, -1, 1), Math.Clamp(a2x / sxx, -1, 1));
        var outcome = StreakModel.Fit(Math.Clamp(a1y / syy, -1, 1), Math.Clamp(a2y / syy, -1, 1));
        var nEff = StreakModel.EffectiveDays(n, factor, outcome);
        var df = nEff - 2;
        var shift = exponentY - exponentX; // b = b_scaled · 2^(ey − ex)
        var effectScaled = r * ratio;
        var effect = Math.ScaleB(effectScaled, shift);

        var oneMinusR2 = 1 - (r * r);
        if (oneMinusR2 <= PerfectFitTolerance)
        {
            var infinite = effect >= 0 ? double.PositiveInfinity : double.NegativeInfinity;
            var perfect = new AssociationStatistics(n, r, effect, factor, outcome, nEff, df, 0, infinite, 0, effect, effect);
            var size = !double.IsFinite(effect) ? Magnitude.TooLarge
                : effectScaled != 0 && Math.Abs(effect) < SmallestNormal ? Magnitude.TooSmall
                : Magnitude.InRange;
            return (perfect, size);
        }

        var seScaled = ratio * Math.Sqrt(oneMinusR2 / df);
        var t = effectScaled / seScaled;
        var p = TwoSidedP(t, df);
        var q = TQuantile975(df);
        var se = Math.ScaleB(seScaled, shift);
        var low = Math.ScaleB(effectScaled - (q * seScaled), shift);
        var high = Math.ScaleB(effectScaled + (q * seScaled), shift);
        var magnitude = !double.IsFinite(effect) || !double.IsFinite(se) || !double.IsFinite(low) || !double.IsFinite(high) ? Magnitude.TooLarge
            : se < SmallestNormal ? Magnitude.TooSmall
            : Magnitude.InRange;
        return (new AssociationStatistics(n, r, effect, factor, outcome, nEff, df, se, t, p, low, high), magnitude);
    }

    /// <summary>A safe mean for any finite values: the sum of the values scaled as in <see cref="ComputeUnchecked"/>,
    /// divided by their count and scaled back (the plain mean whenever the plain sum is finite).</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        var (exponent, mean) = ScaledMean(values);
        return Math.ScaleB(mean, exponent);
    }

    // Writes the values times 2^−e minus their mean (see ScaledMean) and returns e.
    private static int Centre(ReadOnlySpan<double> values, Span<double> centred)
    {
        var (exponent, mean) = ScaledMean(values);
        var scale = Math.ScaleB(1.0, -exponent);
        for (var i = 0; i < values.Length; i++)
        {
            centred[i] = (values[i] * scale) - mean;
        }

        return exponent;
    }

    // Σdx², Σdy², Σdxdy and the lag-1 and lag-2 sums Σdxᵢdxᵢ₊₁, Σdxᵢdxᵢ₊₂ (and of dy) in one pass, two rows at a
    // time. Vector128 exists on every machine and adds in one fixed order, so the native (AOT) command prints the
    // same bits as the JIT-compiled one; library kernels that pick the vector width per machine would not.
    private static (double Sxx, double Syy, double Sxy, double A1x, double A2x, double A1y, double A2y) Sums(ReadOnlySpan<double> dx, ReadOnlySpan<double> dy)
    {
        var n = dx.Length;
        Vector128<double> sxx = default, syy = default, sxy = default, a1x = default, a2x = default, a1y = default, a2y = default;
        ref var x = ref MemoryMarshal.GetReference(dx);
        ref var y = ref MemoryMarshal.GetReference(dy);
        var i = 0;
        for (; i + 3 < n; i += 2) // reads rows i to i + 3: within the spans, which have the same length
        {
            var x0 = Vector128.LoadUnsafe(ref x, (nuint)i);
            var y0 = Vector128.LoadUnsafe(ref y, (nuint)i);
            var x1 = Vector128.LoadUnsafe(ref x, (nuint)i + 1);
            var y1 = Vector128.LoadUnsafe(ref y, (nuint)i + 1);
            var x2 = Vector128.LoadUnsafe(ref x, (nuint)i + 2);
            var y2 = Vector128.LoadUnsafe(ref y, (nuint)i + 2);
            sxx += x0 * x0;
            syy += y0 * y0;
            sxy += x0 * y0;
            a1x += x0 * x1;
            a1y += y0 * y1;
            a2x += x0 * x2;
            a2y += y0 * y2;
        }

        static double Lanes(Vector128<double> v) => v.GetElement(0) + v.GetElement(1);
        double s = Lanes(sxx), t = Lanes(syy), u = Lanes(sxy), b1x = Lanes(a1x), b2x = Lanes(a2x), b1y = Lanes(a1y), b2y = Lanes(a2y);
        for (; i < n; i++)
        {
            s += dx[i] * dx[i];
            t += dy[i] * dy[i];
            u += dx[i] * dy[i];
            if (i + 1 < n)
            {
                b1x += dx[i] * dx[i + 1];
                b1y += dy[i] * dy[i + 1];
            }

            if (i + 2 < n)
            {
                b2x += dx[i] * dx[i + 2];
                b2y += dy[i] * dy[i + 2];
            }
        }

        return (s, t, u, b1x, b2x, b1y, b2y);
    }

    // The exponent e that brings the largest |value| into [1, 2) (at least −1022, so that 2^−e is a double), and the
    // mean of the values times 2^−e. Multiplying by a power of two is exact; away from the ends of the double range
    // the plain sum scaled is the same number.
    private static (int Exponent, double Mean) ScaledMean(ReadOnlySpan<double> values)
    {
        // Two rows at a time, in two vectors: four independent additions keep the sum from waiting on itself.
        Vector128<double> sum0 = default, sum1 = default, max0 = default, max1 = default;
        ref var first = ref MemoryMarshal.GetReference(values);
        var i = 0;
        for (; i + 3 < values.Length; i += 4)
        {
            var a = Vector128.LoadUnsafe(ref first, (nuint)i);
            var b = Vector128.LoadUnsafe(ref first, (nuint)i + 2);
            sum0 += a;
            sum1 += b;
            max0 = Vector128.Max(max0, Vector128.Abs(a));
            max1 = Vector128.Max(max1, Vector128.Abs(b));
        }

        var sums = sum0 + sum1;
        var maxes = Vector128.Max(max0, max1);
        var sum = sums.GetElement(0) + sums.GetElement(1);
        var max = Math.Max(maxes.GetElement(0), maxes.GetElement(1));
        for (; i < values.Length; i++)
        {
            sum += values[i];
            max = Math.Max(max, Math.Abs(values[i]));
        }

        if (max == 0)
        {
            return (0, 0);
        }

        var exponent = Math.Max(Math.ILogB(max), -1022);
        if (exponent is >= -960 and <= 960)
        {
            return (exponent, Math.ScaleB(sum, -exponent) / values.Length);
        }

        var scale = Math.ScaleB(1.0, -exponent);
        var scaledSum = 0.0;
        foreach (var v in values)
        {
            scaledSum += v * scale;
        }

        return (exponent, scaledSum / values.Length);
    }

    /// <summary>Two-sided p-value of <paramref name="t"/> under Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double TwoSidedP(double t, double df) =>
        Math.Min(1.0, 2 * StudentTQuantile.Tail(Math.Abs(t), df));

    /// <summary>The 0.975 quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double TQuantile975(double df) => StudentTQuantile.Upper(0.025, df);
}
