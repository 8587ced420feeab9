using System.Numerics;
using MathNet.Numerics.Distributions;

namespace GutSkin.Analysis.Tests;

/// <summary>A number m·2^e with m in [1, 2) (or 0) and any integer e: wide enough for any ratio of sums of doubles.</summary>
internal readonly record struct Wide(double Mantissa, long Exponent)
{
    /// <summary>The nearest double: ±∞ beyond the largest, 0 or subnormal below the smallest normal.</summary>
    public double ToDouble() => Exponent > 2000 ? Math.CopySign(double.PositiveInfinity, Mantissa)
        : Exponent < -2000 ? 0 * Mantissa
        : Math.ScaleB(Mantissa, (int)Exponent);

    /// <summary>log₂|value|, for range checks that a double cannot hold.</summary>
    public double Log2 => Mantissa == 0 ? double.NegativeInfinity : Math.Log2(Math.Abs(Mantissa)) + Exponent;

    public static Wide Of(double mantissa, long exponent)
    {
        if (mantissa == 0)
        {
            return new Wide(0, 0);
        }

        var e = Math.ILogB(mantissa);
        return new Wide(Math.ScaleB(mantissa, -e), exponent + e);
    }

    public Wide Sqrt()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Mantissa);
        return (Exponent & 1) == 0 ? Of(Math.Sqrt(Mantissa), Exponent / 2) : Of(Math.Sqrt(2 * Mantissa), (Exponent - 1) / 2);
    }

    public Wide Times(double factor) => Of(Mantissa * factor, Exponent);

    public Wide Plus(Wide other)
    {
        var top = Math.Max(Exponent, other.Exponent);
        return Of(Math.ScaleB(Mantissa, (int)Math.Max(Exponent - top, -2000)) + Math.ScaleB(other.Mantissa, (int)Math.Max(other.Exponent - top, -2000)), top);
    }

    /// <summary>num/den to about 1e-16 relative, whatever the sizes of the integers.</summary>
    public static Wide Ratio(BigInteger num, BigInteger den)
    {
        if (num.IsZero)
        {
            return new Wide(0, 0);
        }

        var sign = num.Sign * den.Sign;
        num = BigInteger.Abs(num);
        den = BigInteger.Abs(den);
        var shift = num.GetBitLength() - den.GetBitLength();
        // q = num·2^(64 − shift)/den lies in [2^63, 2^65): 64 bits and more of the ratio.
        var q = shift <= 64 ? (num << (int)(64 - shift)) / den : num / (den << (int)(shift - 64));
        return Of(sign * (double)q, shift - 64);
    }
}

/// <summary>
/// The statistics of <see cref="Association"/> for the same rows, from exact sums: every double is an integer times
/// 2^−1074, so the centred sums of squares and products are exact integers (BigInteger), and only their ratios are
/// rounded, once, to about 1e-16 relative. The c·φᵏ model, the t distribution (MathNet's) and the interval follow
/// PRODUCT.md directly, not the implementation.
/// </summary>
internal sealed record ExactAssociation(
    Wide Effect, Wide StandardError, double R, double Rho1X, double Rho2X, double Rho1Y, double Rho2Y, double EffectiveDays,
    double PValue, double T975)
{
    public static ExactAssociation Of(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var dx = Centred(x);
        var dy = Centred(y);
        BigInteger sxx = 0, syy = 0, sxy = 0, a1x = 0, a2x = 0, a1y = 0, a2y = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += dx[i] * dx[i];
            syy += dy[i] * dy[i];
            sxy += dx[i] * dy[i];
            if (i >= 1)
            {
                a1x += dx[i - 1] * dx[i];
                a1y += dy[i - 1] * dy[i];
            }

            if (i >= 2)
            {
                a2x += dx[i - 2] * dx[i];
                a2y += dy[i - 2] * dy[i];
            }
        }

        var r2 = Wide.Ratio(sxy * sxy, sxx * syy).ToDouble();
        var r = sxy.Sign * Math.Sqrt(r2);
        var oneMinusR2 = Wide.Ratio((sxx * syy) - (sxy * sxy), sxx * syy).ToDouble();
        var (rho1X, rho2X) = (Wide.Ratio(a1x, sxx).ToDouble(), Wide.Ratio(a2x, sxx).ToDouble());
        var (rho1Y, rho2Y) = (Wide.Ratio(a1y, syy).ToDouble(), Wide.Ratio(a2y, syy).ToDouble());
        var nEff = ModelEffectiveDays(n, rho1X, rho2X, rho1Y, rho2Y);
        var df = nEff - 2;

        // b = Σdxdy/Σdx² and SE² = (Σdx²Σdy² − (Σdxdy)²)/((Σdx²)²·df): the common scale of the integers cancels.
        var effect = Wide.Ratio(sxy, sxx);
        var se = Wide.Ratio((sxx * syy) - (sxy * sxy), sxx * sxx).Times(1 / df).Sqrt();
        var t = r * Math.Sqrt(df / oneMinusR2);
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new ExactAssociation(effect, se, r, rho1X, rho2X, rho1Y, rho2Y, nEff, p, StudentT.InvCDF(0, 1, df, 0.975));
    }

    // PRODUCT.md "Honest uncertainty for day-to-day data", written out again.
    private static double ModelEffectiveDays(int n, double rho1X, double rho2X, double rho1Y, double rho2Y)
    {
        if (rho1X * rho1Y <= 0)
        {
            return n;
        }

        static (double C, double Phi) Model(double rho1, double rho2) =>
            rho1 > 0 && rho2 > rho1 * rho1
                ? (rho1 / Math.Min(rho2 / rho1, 0.99), Math.Min(rho2 / rho1, 0.99))
                : (1, Math.Clamp(rho1, -0.99, 0.99));
        var (cx, phiX) = Model(rho1X, rho2X);
        var (cy, phiY) = Model(rho1Y, rho2Y);
        var a = phiX * phiY;
        return Math.Max(n / (1 + (2 * cx * cy * a / (1 - a))), 3);
    }

    // n·2^1074·(vᵢ − v̄): an exact integer for every double.
    private static BigInteger[] Centred(ReadOnlySpan<double> values)
    {
        var scaled = new BigInteger[values.Length];
        BigInteger sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            scaled[i] = Fixed(values[i]);
            sum += scaled[i];
        }

        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (values.Length * scaled[i]) - sum;
        }

        return scaled;
    }

    // v·2^1074 as an integer: a normal double is m·2^(e − 1075) with a 53-bit m, a subnormal one f·2^−1074.
    private static BigInteger Fixed(double v)
    {
        var bits = BitConverter.DoubleToInt64Bits(v);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        var magnitude = exponent == 0 ? new BigInteger(fraction) : new BigInteger(fraction | (1L << 52)) << (exponent - 1);
        return bits < 0 ? -magnitude : magnitude;
    }
}
