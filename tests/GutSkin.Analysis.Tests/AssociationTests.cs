namespace GutSkin.Analysis.Tests;

public sealed class AssociationTests
{
    public static TheoryData<string> Cases => Fixture.Names("insights");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ReferencePairs_MatchesNumpyScipyEveryField(string name)
    {
        using var doc = Fixture.Load(Path.Combine("insights", name + ".json"));
        var root = doc.RootElement;
        var journal = Fixture.Journal(name, root);
        var lo = Fixture.Date(root.GetProperty("dateFrom")) is { } from ? journal.IndexOnOrAfter(from) : 0;
        var hi = Fixture.Date(root.GetProperty("dateTo")) is { } to ? journal.IndexOnOrBefore(to) : journal.DayCount - 1;
        var x = new double[journal.DayCount];
        var y = new double[journal.DayCount];

        foreach (var e in root.GetProperty("expected").GetProperty("associations").EnumerateArray())
        {
            var factor = e.GetProperty("factor").GetString()!;
            var outcome = e.GetProperty("outcome").GetString()!;
            var lag = e.GetProperty("lagDays").GetInt32();
            var n = Association.PairRows(
                journal.GetSeries(factor)[lo..(hi + 1)], journal.GetSeries(outcome)[lo..(hi + 1)], lag, x, y);

            var s = Association.Compute(x.AsSpan(0, n), y.AsSpan(0, n));

            var what = $"{name} {factor}->{outcome} lag {lag}";
            Assert.Equal(e.GetProperty("n").GetInt32(), s.N);
            Fixture.Close(Fixture.Number(e.GetProperty("r")), s.R, what + " r");
            Fixture.Close(Fixture.Number(e.GetProperty("effect")), s.Effect, what + " effect");
            Fixture.Close(Fixture.Number(e.GetProperty("rhoFactor")), s.Factor.Rho1, what + " rhoFactor");
            Fixture.Close(Fixture.Number(e.GetProperty("rho2Factor")), s.Factor.Rho2, what + " rho2Factor");
            Fixture.Close(Fixture.Number(e.GetProperty("cFactor")), s.Factor.C, what + " cFactor");
            Fixture.Close(Fixture.Number(e.GetProperty("phiFactor")), s.Factor.Phi, what + " phiFactor");
            Fixture.Close(Fixture.Number(e.GetProperty("rhoOutcome")), s.Outcome.Rho1, what + " rhoOutcome");
            Fixture.Close(Fixture.Number(e.GetProperty("rho2Outcome")), s.Outcome.Rho2, what + " rho2Outcome");
            Fixture.Close(Fixture.Number(e.GetProperty("cOutcome")), s.Outcome.C, what + " cOutcome");
            Fixture.Close(Fixture.Number(e.GetProperty("phiOutcome")), s.Outcome.Phi, what + " phiOutcome");
            Fixture.Close(Fixture.Number(e.GetProperty("effectiveDays")), s.EffectiveDays, what + " effectiveDays");
            Fixture.Close(Fixture.Number(e.GetProperty("degreesOfFreedom")), s.DegreesOfFreedom, what + " degreesOfFreedom");
            Fixture.Close(Fixture.Number(e.GetProperty("standardError")), s.StandardError, what + " standardError");
            Fixture.Close(Fixture.Number(e.GetProperty("t")), s.T, what + " t");
            Fixture.Close(Fixture.Number(e.GetProperty("pValue")), s.PValue, what + " pValue");
            Fixture.Close(Fixture.Number(e.GetProperty("ciLow")), s.CiLow, what + " ciLow");
            Fixture.Close(Fixture.Number(e.GetProperty("ciHigh")), s.CiHigh, what + " ciHigh");
        }
    }

    [Fact]
    public void Compute_SmoothTrends_EffectiveDaysFlooredAtThree()
    {
        var x = Enumerable.Range(0, 30).Select(i => Math.Sin(i / 6.0)).ToArray();
        var y = Enumerable.Range(0, 30).Select(i => Math.Sin((i / 6.0) + 0.3)).ToArray();

        var s = Association.Compute(x, y);

        Assert.Equal(3, s.EffectiveDays);
        Assert.Equal(1, s.DegreesOfFreedom);
    }

    [Fact]
    public void Compute_NegativeAutocorrelationProduct_UsesAllRows()
    {
        double[] x = [1, 5, 1, 5, 1, 5, 2, 4, 1, 5];
        double[] y = [1, 2, 3, 4, 4, 5, 6, 7, 8, 9];

        var s = Association.Compute(x, y);

        Assert.True(s.Factor.Rho1 * s.Outcome.Rho1 < 0);
        Assert.Equal(10, s.EffectiveDays);
    }

    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(-0.5, 3.0)]
    public void Compute_PerfectLine_ZeroStandardErrorAndDegenerateInterval(double slope, double intercept)
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        var y = x.Select(v => intercept + (slope * v)).ToArray();

        var s = Association.Compute(x, y);

        Assert.Equal(slope, s.Effect, 12);
        Assert.Equal(0, s.StandardError);
        Assert.Equal(0, s.PValue);
        Assert.Equal(s.Effect, s.CiLow);
        Assert.Equal(s.Effect, s.CiHigh);
        Assert.True(double.IsInfinity(s.T));
    }

    [Fact]
    public void Compute_YesNoFactor_EffectIsDifferenceOfMeans()
    {
        double[] x = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1];
        double[] y = [5, 3, 6, 2, 3, 5, 4, 3, 6, 2];

        var s = Association.Compute(x, y);

        Assert.Equal(2.6 - 5.2, s.Effect, 12);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(-0.25)]
    [InlineData(1000.0)]
    public void Compute_OutcomeScaledByK_EffectScalesByKAndPValueUnchanged(double k)
    {
        var (x, y) = Streaky(50, 7);

        var baseline = Association.Compute(x, y);
        var scaled = Association.Compute(x, y.Select(v => v * k).ToArray());

        Fixture.Close(baseline.Effect * k, scaled.Effect, "effect");
        Fixture.Close(baseline.StandardError * Math.Abs(k), scaled.StandardError, "standardError");
        Fixture.Close(baseline.PValue, scaled.PValue, "pValue");
        Fixture.Close(baseline.EffectiveDays, scaled.EffectiveDays, "effectiveDays");
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(0.1)]
    public void Compute_FactorScaledByK_EffectScalesByOneOverK(double k)
    {
        var (x, y) = Streaky(50, 8);

        var baseline = Association.Compute(x, y);
        var scaled = Association.Compute(x.Select(v => v * k).ToArray(), y);

        Fixture.Close(baseline.Effect / k, scaled.Effect, "effect");
        Fixture.Close(baseline.CiLow / k, scaled.CiLow, "ciLow");
        Fixture.Close(baseline.PValue, scaled.PValue, "pValue");
    }

    [Theory]
    [InlineData(10.0, 0.0)]
    [InlineData(0.0, -3.5)]
    [InlineData(100.0, 100.0)]
    public void Compute_SeriesShiftedByConstant_NothingChanges(double shiftX, double shiftY)
    {
        var (x, y) = Streaky(40, 9);

        var baseline = Association.Compute(x, y);
        var shifted = Association.Compute(x.Select(v => v + shiftX).ToArray(), y.Select(v => v + shiftY).ToArray());

        // Shifting by 100 loses a couple of bits to rounding, so compare to 1e-9 relative.
        Fixture.Close(baseline.Effect, shifted.Effect, "effect");
        Fixture.Close(baseline.R, shifted.R, "r");
        Fixture.Close(baseline.Factor.Rho1, shifted.Factor.Rho1, "rhoFactor");
        Fixture.Close(baseline.Outcome.Rho2, shifted.Outcome.Rho2, "rho2Outcome");
        Fixture.Close(baseline.StandardError, shifted.StandardError, "standardError");
        Fixture.Close(baseline.PValue, shifted.PValue, "pValue");
    }

    private static readonly string[] MagnitudeKindNames = ["scaled", "yesNo", "mixed", "offset", "subnormal"];

    public static TheoryData<string> MagnitudeKinds => [.. MagnitudeKindNames];

    /// <summary>
    /// Streaky whole-point scores (and yes/no days) scaled by 10^k for k from −300 to 300, mixed within a series,
    /// offset from zero, and subnormal: every finite input gives what exact sums give (slope and SE to 1e-9, p and
    /// the interval's half-width to 1e-6), or is out of range exactly when the exact effect, SE or interval is.
    /// </summary>
    [Theory]
    [MemberData(nameof(MagnitudeKinds))]
    public void ComputeUnchecked_AnyMagnitude_MatchesExactSumsOrIsOutOfRange(string kind)
    {
        var random = new Random(1800 + Array.IndexOf(MagnitudeKindNames, kind));
        int inRange = 0, outOfRange = 0;
        for (var c = 0; c < 120; c++)
        {
            var (x, y) = Magnitudes(kind, random);
            var (s, magnitude) = Association.ComputeUnchecked(x, y);
            var exact = ExactAssociation.Of(x, y);
            var what = $"{kind} case {c} (x ~ {x.Max(Math.Abs):E1}, y ~ {y.Max(Math.Abs):E1}, n = {x.Length})";

            var halfWidth = exact.StandardError.Times(exact.T975);
            var largest = new[] { exact.Effect, exact.StandardError, exact.Effect.Plus(halfWidth), exact.Effect.Plus(halfWidth.Times(-1)) }.Max(w => w.Log2);
            Assert.True(magnitude == Magnitude.TooLarge ? largest >= 1024 - 1e-6 : largest < 1024 + 1e-6, $"{what}: {magnitude} with log2 of the largest number {largest}");
            if (magnitude != Magnitude.TooLarge)
            {
                var seLog2 = exact.StandardError.Log2;
                Assert.True(magnitude == Magnitude.TooSmall ? seLog2 < -1022 + 1e-6 : seLog2 >= -1022 - 1e-6, $"{what}: {magnitude} with log2 SE {seLog2}");
            }

            Assert.False(double.IsNaN(s.Effect) || double.IsNaN(s.StandardError) || double.IsNaN(s.PValue) || double.IsNaN(s.CiLow) || double.IsNaN(s.CiHigh), what);
            if (magnitude != Magnitude.InRange)
            {
                outOfRange++;
                continue;
            }

            inRange++;
            var se = exact.StandardError.ToDouble();
            Assert.True(double.IsFinite(s.Effect) && double.IsFinite(s.StandardError) && double.IsFinite(s.CiLow) && double.IsFinite(s.CiHigh), what);
            Assert.True(Math.Abs(s.Effect - exact.Effect.ToDouble()) <= (1e-9 * Math.Abs(exact.Effect.ToDouble())) + (1e-12 * se), $"{what}: effect {s.Effect:R}, exact {exact.Effect.ToDouble():R}");
            Fixture.Close(se, s.StandardError, what + " standardError");
            Fixture.Close(exact.EffectiveDays, s.EffectiveDays, what + " effectiveDays");
            Fixture.Close(exact.Rho1X, s.Factor.Rho1, what + " rho1 factor");
            Fixture.Close(exact.Rho2Y, s.Outcome.Rho2, what + " rho2 outcome");
            Assert.True(Math.Abs(s.PValue - exact.PValue) <= 1e-6 * exact.PValue, $"{what}: p {s.PValue:R}, exact {exact.PValue:R}");
            var half = (s.CiHigh / 2) - (s.CiLow / 2);
            Assert.True(Math.Abs(half - halfWidth.ToDouble()) <= 1e-6 * halfWidth.ToDouble(), $"{what}: half-width {half:R}, exact {halfWidth.ToDouble():R}");
        }

        // Both outcomes occur for every kind of input, so neither branch goes untested.
        Assert.True(inRange >= 20, $"{kind}: only {inRange} cases in range");
        Assert.True(outOfRange >= 10, $"{kind}: only {outOfRange} cases out of range");
    }

    [Fact]
    public void Compute_TinyAndHugeValues_FiniteAndScaledExactly()
    {
        // The crash inputs: squares of 1e-170 underflow to 0 and of 1e160 overflow; scaling by a power of
        // ten moves the effect and SE by exactly that factor (to rounding) and leaves p alone.
        var (x, y) = Streaky(60, 12);
        var plain = Association.Compute(x, y);

        var tinyFactor = Association.Compute([.. x.Select(v => v * 1e-170)], y);
        var hugeOutcome = Association.Compute(x, [.. y.Select(v => v * 1e160)]);
        var tinyOutcome = Association.Compute(x, [.. y.Select(v => v * 1e-170)]);

        Fixture.Close(plain.Effect * 1e170, tinyFactor.Effect, "tiny factor effect");
        Fixture.Close(plain.StandardError * 1e170, tinyFactor.StandardError, "tiny factor SE");
        Fixture.Close(plain.Effect * 1e160, hugeOutcome.Effect, "huge outcome effect");
        Fixture.Close(plain.StandardError * 1e-170, tinyOutcome.StandardError, "tiny outcome SE");
        foreach (var s in new[] { tinyFactor, hugeOutcome, tinyOutcome })
        {
            Fixture.Close(plain.PValue, s.PValue, "pValue");
            Fixture.Close(plain.EffectiveDays, s.EffectiveDays, "effectiveDays");
            Assert.True(s.StandardError > 0);
        }
    }

    [Fact]
    public void Compute_EffectBeyondTheLargestDouble_ThrowsWithTheReason()
    {
        var (x, y) = Streaky(40, 13);

        var error = Assert.Throws<ArgumentException>(() => Association.Compute([.. x.Select(v => v * 1e-200)], [.. y.Select(v => v * 1e200)]));

        Assert.StartsWith("The values are too large to compare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.Compute([1, 2, 3], [1, 2, 3, 4]));

    [Fact]
    public void Compute_FewerThanThreeRows_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.Compute([1, 2], [2, 1]));

    [Fact]
    public void Compute_ConstantFactor_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.Compute([2, 2, 2, 2], [1, 2, 3, 5]));

    [Fact]
    public void Compute_ConstantOutcome_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.Compute([1, 2, 3, 5], [0, 0, 0, 0]));

    [Fact]
    public void Compute_NaNValue_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.Compute([1, double.NaN, 3, 5], [0, 1, 0, 2]));

    [Fact]
    public void PairRows_GapInCalendar_SkipsDaysWhoseLaggedFactorIsMissing()
    {
        double[] factor = [1, 2, double.NaN, 4, 5, 6];
        double[] outcome = [10, 20, 30, 40, double.NaN, 60];
        var x = new double[6];
        var y = new double[6];

        var n = Association.PairRows(factor, outcome, 1, x, y);

        // Outcome day 1 ← factor day 0, day 3 ← day 2 (missing), day 5 ← day 4.
        Assert.Equal(3, n);
        Assert.Equal([1, 2, 5], x[..n]);
        Assert.Equal([20, 30, 60], y[..n]);
    }

    [Fact]
    public void PairRows_NegativeLag_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Association.PairRows([1.0], [1.0], -1, new double[1], new double[1]));

    [Fact]
    public void PairRows_ShortBuffer_Throws() =>
        Assert.Throws<ArgumentException>(() => Association.PairRows([1.0, 2], [1.0, 2], 0, new double[1], new double[2]));

    // Streaky whole-point scores with a planted link, in the sizes the property test asks for.
    private static (double[] X, double[] Y) Magnitudes(string kind, Random random)
    {
        double Pow10(int low, int high) => Math.Pow(10, random.Next(low, high + 1));
        double Scale() => Pow10(-300, 300);
        double AnyOf() => Math.Pow(10, new[] { -300, -100, 0, 100, 300 }[random.Next(5)]);
        while (true)
        {
            var n = random.Next(14, 121);
            var zx = Ar1(random, n, random.NextDouble() * 0.95);
            var zy = Ar1(random, n, random.NextDouble() * 0.95);
            var link = random.NextDouble() * 0.8;
            var xs = zx.Select(z => Math.Clamp(Math.Round(5 + (2 * z) + (0.5 * Gaussian(random))), 0, 10)).ToArray();
            var ys = xs.Select((v, i) => Math.Clamp(Math.Round(5 + (2 * zy[i]) + (link * (v - 5)) + (0.5 * Gaussian(random))), 0, 10)).ToArray();
            var (kx, ky) = (Scale(), Scale());
            var (x, y) = kind switch
            {
                "scaled" => (xs.Select(v => v * kx).ToArray(), ys.Select(v => v * ky).ToArray()),
                "yesNo" => (xs.Select(v => v >= 5 ? kx : 0).ToArray(), ys.Select(v => v * ky).ToArray()),
                "mixed" => (xs.Select(v => (1 + v) * AnyOf()).ToArray(), ys.Select(v => (1 + v) * (link < 0.4 ? AnyOf() : ky)).ToArray()),
                "offset" => (xs.Select(v => (1000 + v + random.NextDouble()) * kx).ToArray(), ys.Select(v => (100 + v) * ky).ToArray()),
                "subnormal" => (xs.Select(v => (1 + v) * 1e-318).ToArray(), ys.Select(v => v * Pow10(-300, 0)).ToArray()),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            if (!Association.IsConstant(x) && !Association.IsConstant(y))
            {
                return (x, y);
            }
        }
    }

    private static double[] Ar1(Random random, int n, double phi)
    {
        var z = new double[n];
        z[0] = Gaussian(random);
        for (var i = 1; i < n; i++)
        {
            z[i] = (phi * z[i - 1]) + (Math.Sqrt(1 - (phi * phi)) * Gaussian(random));
        }

        return z;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (double[] X, double[] Y) Streaky(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        double sx = 0, sy = 0;
        for (var i = 0; i < n; i++)
        {
            sx = (0.6 * sx) + random.NextDouble() - 0.5;
            sy = (0.4 * sy) + random.NextDouble() - 0.5;
            x[i] = Math.Round(3 + (4 * sx));
            y[i] = 2 + (0.7 * x[i]) + (3 * sy);
        }

        return (x, y);
    }
}
