using System.Globalization;
using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ExperimentAnalyzerTests
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);

    public static TheoryData<string> Cases => Fixture.Names("experiments");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_ReferenceExperiment_MatchesNumpyScipy(string name)
    {
        using var doc = Fixture.Load(Path.Combine("experiments", name + ".json"));
        var root = doc.RootElement;
        var d = root.GetProperty("design");
        var blocks = d.GetProperty("blocks").EnumerateArray()
            .Select(b => new ExperimentBlock(Fixture.Date(b.GetProperty("start"))!.Value, b.GetProperty("intervention").GetBoolean()))
            .ToList();
        var design = ExperimentDesign.Alternating(blocks, Fixture.Date(d.GetProperty("end"))!.Value, d.GetProperty("onsetDays").GetInt32());
        var e = root.GetProperty("expected");

        var r = ExperimentAnalyzer.Analyze(Series(root.GetProperty("outcome")), Series(root.GetProperty("intervention")), design);

        Assert.Equal(e.GetProperty("verdict").GetString(), JsonSerializer.Serialize(r.Verdict).Trim('"'));
        Assert.Equal(e.GetProperty("n").GetInt32(), r.N);
        Assert.Equal(e.GetProperty("baselineDays").GetInt32(), r.BaselineDays);
        Assert.Equal(e.GetProperty("interventionDays").GetInt32(), r.InterventionDays);
        Assert.Equal(e.GetProperty("excludedDays").GetInt32(), r.ExcludedDays);
        var more = e.GetProperty("moreDaysNeeded");
        Assert.Equal(more.ValueKind == JsonValueKind.Null ? null : more.GetInt32(), r.MoreDaysNeeded);
        Fixture.Close(Fixture.Number(e.GetProperty("effectiveDays")), r.EffectiveDays, name + " effectiveDays");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("effect")), r.Effect, name + " effect");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("standardError")), r.StandardError, name + " standardError");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("ciLow")), r.CiLow, name + " ciLow");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("ciHigh")), r.CiHigh, name + " ciHigh");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("pValue")), r.PValue, name + " pValue");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("adherence")), r.Adherence, name + " adherence");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("baselineMean")), r.BaselineMean, name + " baselineMean");
        Fixture.Close(Fixture.NullableNumber(e.GetProperty("interventionMean")), r.InterventionMean, name + " interventionMean");
    }

    [Fact]
    public void Analyze_EveryVerdict_IsCoveredByTheFixtures()
    {
        var verdicts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Directory.GetFiles(Path.Combine(Fixture.Root, "experiments"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(name));
            verdicts.Add(doc.RootElement.GetProperty("expected").GetProperty("verdict").GetString()!);
        }

        Assert.Equal(["helped", "noMeaningfulChange", "notEnoughData", "notYetClear", "worse"], verdicts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyze_Effect_IsInterventionMeanMinusBaselineMean()
    {
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = 0; i < 40; i++)
        {
            outcome[Day0.AddDays(i)] = (i < 20 ? 6 : 4) + ((i * 7) % 3);
        }

        var r = ExperimentAnalyzer.Analyze(outcome, null, ExperimentDesign.AB(Day0, Day0.AddDays(20), Day0.AddDays(39), onsetDays: 0));

        Assert.Equal(r.InterventionMean!.Value - r.BaselineMean!.Value, r.Effect!.Value, 12);
        Assert.Null(r.Adherence);
    }

    [Fact]
    public void Analyze_HigherIsBetter_SwapsHelpedAndWorse()
    {
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = 0; i < 60; i++)
        {
            outcome[Day0.AddDays(i)] = (i < 30 ? 3 : 7) + ((i * 7) % 3 * 0.1);
        }

        var design = ExperimentDesign.AB(Day0, Day0.AddDays(30), Day0.AddDays(59), onsetDays: 5);

        Assert.Equal(ExperimentVerdict.Worse, ExperimentAnalyzer.Analyze(outcome, null, design).Verdict);
        Assert.Equal(ExperimentVerdict.Helped, ExperimentAnalyzer.Analyze(outcome, null, design, lowerIsBetter: false).Verdict);
    }

    [Fact]
    public void Analyze_OutcomeOutsideExperiment_IsIgnored()
    {
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = -10; i < 50; i++)
        {
            outcome[Day0.AddDays(i)] = (i * 7) % 5;
        }

        var r = ExperimentAnalyzer.Analyze(outcome, null, ExperimentDesign.AB(Day0, Day0.AddDays(20), Day0.AddDays(39), onsetDays: 5));

        Assert.Equal((20, 15, 5), (r.BaselineDays, r.InterventionDays, r.ExcludedDays));
    }

    [Fact]
    public void Analyze_AdherenceCountsPositiveValuesOverInterventionCalendarDays()
    {
        var outcome = Enumerable.Range(0, 40).ToDictionary(i => Day0.AddDays(i), i => (double)((i * 7) % 5));
        var intervention = Enumerable.Range(20, 20).ToDictionary(i => Day0.AddDays(i), i => i % 4 == 0 ? 0.0 : 1.0);

        var r = ExperimentAnalyzer.Analyze(outcome, intervention, ExperimentDesign.AB(Day0, Day0.AddDays(20), Day0.AddDays(39), onsetDays: 3));

        Assert.Equal(15 / 20.0, r.Adherence);
    }

    [Fact]
    public void Analyze_NotEnoughData_SaysHowManyDaysAreMissing()
    {
        var outcome = Enumerable.Range(0, 30).Where(i => i % 4 == 0).ToDictionary(i => Day0.AddDays(i), i => (double)i);

        var r = ExperimentAnalyzer.Analyze(outcome, null, ExperimentDesign.AB(Day0, Day0.AddDays(15), Day0.AddDays(29), onsetDays: 0));

        Assert.Equal(ExperimentVerdict.NotEnoughData, r.Verdict);
        Assert.Equal((4, 4), (r.BaselineDays, r.InterventionDays));
        Assert.Equal(6, r.MoreDaysNeeded);
        Assert.Null(r.Effect);
    }

    [Fact]
    public void Analyze_JournalOverload_UsesTheItemsSeries()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 60; i++)
        {
            values.Add(new(Day0.AddDays(i), "redness", (i < 30 ? 6 : 3) + ((i * 7) % 3 * 0.5)));
            values.Add(new(Day0.AddDays(i), "probiotic_supplement", i >= 30 ? 1 : 0));
        }

        var journal = new JournalData(BuiltInCatalog.SeriesItems, values);
        var design = ExperimentDesign.AB(Day0, Day0.AddDays(30), Day0.AddDays(59));

        var r = ExperimentAnalyzer.Analyze(journal, "redness", "probiotic_supplement", design);

        Assert.Equal(ExperimentVerdict.Helped, r.Verdict);
        Assert.Equal(1.0, r.Adherence);
        Assert.Equal(14, r.ExcludedDays);
    }

    [Fact]
    public void Analyze_NullArguments_Throw()
    {
        var design = ExperimentDesign.AB(Day0, Day0.AddDays(10), Day0.AddDays(20));
        Assert.Throws<ArgumentNullException>(() => ExperimentAnalyzer.Analyze((IReadOnlyDictionary<DateOnly, double>)null!, null, design));
        Assert.Throws<ArgumentNullException>(() => ExperimentAnalyzer.Analyze(new Dictionary<DateOnly, double>(), null, null!));
    }

    [Fact]
    public void Analyze_NonFiniteOutcome_Throws()
    {
        var outcome = new Dictionary<DateOnly, double> { [Day0] = double.PositiveInfinity };
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ExperimentAnalyzer.Analyze(outcome, null, ExperimentDesign.AB(Day0, Day0.AddDays(10), Day0.AddDays(20))));
    }

    [Theory]
    [InlineData(1e-170)]
    [InlineData(1e160)]
    [InlineData(1e-300)]
    public void Analyze_NoiseLoggedAtATinyOrHugeScale_GivesTheSameP_AndEffectAndSEScaledExactly(double scale)
    {
        // Pure noise with a streak: squaring 1e-170 underflows and 1e160 overflows, which once gave SE 0 and p 0.
        var random = new Random(18);
        var outcome = new Dictionary<DateOnly, double>();
        var z = 0.0;
        for (var i = 0; i < 120; i++)
        {
            z = (0.9 * z) + random.NextDouble() - 0.5;
            outcome[Day0.AddDays(i)] = Math.Round(5 + (3 * z) + random.NextDouble());
        }

        var design = ExperimentDesign.AB(Day0, Day0.AddDays(60), Day0.AddDays(119), onsetDays: 0);
        var plain = ExperimentAnalyzer.Analyze(outcome, null, design);

        var scaled = ExperimentAnalyzer.Analyze(outcome.ToDictionary(p => p.Key, p => p.Value * scale), null, design);

        Assert.True(scaled.StandardError > 0);
        Assert.True(scaled.PValue > 0.01, $"p = {scaled.PValue} on noise");
        Fixture.Close(plain.PValue, scaled.PValue, "pValue");
        Fixture.Close(plain.EffectiveDays, scaled.EffectiveDays, "effectiveDays");
        Fixture.Close(plain.Effect * scale, scaled.Effect, "effect");
        Fixture.Close(plain.StandardError * scale, scaled.StandardError, "standardError");
        Fixture.Close(plain.CiHigh * scale, scaled.CiHigh, "ciHigh");
        Fixture.Close(plain.BaselineMean * scale, scaled.BaselineMean, "baselineMean");
        // A difference of 1e-170 points is no meaningful change; one of 1e160 points either way is not yet clear.
        Assert.Equal(scale < 1 ? ExperimentVerdict.NoMeaningfulChange : ExperimentVerdict.NotYetClear, scaled.Verdict);
    }

    [Fact]
    public void Analyze_OutcomeNearTheLargestDouble_MeansStayFinite_AndAnIntervalBeyondItThrows()
    {
        var outcome = Enumerable.Range(0, 40).ToDictionary(i => Day0.AddDays(i), i => (i < 20 ? -1.5e308 : 1.6e308) + ((i % 3) * 1e306));
        var design = ExperimentDesign.AB(Day0, Day0.AddDays(20), Day0.AddDays(39), onsetDays: 0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentAnalyzer.Analyze(outcome, null, design));

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
        var steady = ExperimentAnalyzer.Analyze(outcome.ToDictionary(p => p.Key, p => 1.7e308 - (p.Value / 1e10)), null, design);
        Assert.True(double.IsFinite(steady.BaselineMean!.Value) && double.IsFinite(steady.InterventionMean!.Value));
        Assert.True(double.IsFinite(steady.CiLow!.Value) && double.IsFinite(steady.CiHigh!.Value));
    }

    private static Dictionary<DateOnly, double> Series(JsonElement pairs) =>
        pairs.EnumerateArray().ToDictionary(
            p => DateOnly.ParseExact(p[0].GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            p => p[1].GetDouble());
}
