using System.Globalization;
using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ExperimentSensitivityTests
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);

    /// <summary>The experiment fixtures that carry a <c>sensitivity</c> section.</summary>
    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(Fixture.Root, "experiments"), "*.json").Order(StringComparer.Ordinal))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                if (doc.RootElement.TryGetProperty("sensitivity", out _))
                {
                    data.Add(Path.GetFileNameWithoutExtension(file));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ReferenceExperiment_MatchesStatsmodels(string name)
    {
        using var doc = Fixture.Load(Path.Combine("experiments", name + ".json"));
        var root = doc.RootElement;
        var (outcome, design) = Read(root);
        var expected = root.GetProperty("sensitivity");

        var s = ExperimentSensitivity.Check(outcome, design, ExperimentAnalyzer.Analyze(outcome, null, design));

        Assert.Equal(expected.GetProperty("verdict").GetString(), Json(s.Verdict));
        Assert.Equal(expected.GetProperty("downgraded").GetBoolean(), s.Downgraded);
        var rows = expected.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Select(r => r.GetProperty("window").GetString()), s.Rows.Select(r => r.Window));
        foreach (var (e, r) in rows.Zip(s.Rows))
        {
            var what = $"{name} {r.Window}";
            Assert.Equal(e.GetProperty("verdict").GetString(), Json(r.Verdict));
            Assert.Equal(e.GetProperty("baselineDays").GetInt32(), r.BaselineDays);
            Assert.Equal(e.GetProperty("n").GetInt32(), r.N);
            Fixture.Close(Fixture.NullableNumber(e.GetProperty("effect")), r.Effect, what + " effect");
            Fixture.Close(Fixture.NullableNumber(e.GetProperty("ciLow")), r.CiLow, what + " ciLow");
            Fixture.Close(Fixture.NullableNumber(e.GetProperty("ciHigh")), r.CiHigh, what + " ciHigh");
        }

        var flare = expected.GetProperty("flare");
        Assert.Equal(flare.ValueKind == JsonValueKind.Null, s.Flare is null);
        if (s.Flare is { } f)
        {
            Assert.Equal(flare.GetProperty("duringFlare").GetBoolean(), f.DuringFlare);
            Assert.Equal(flare.GetProperty("recentDays").GetInt32(), f.RecentDays);
            Assert.Equal(flare.GetProperty("ownDays").GetInt32(), f.OwnDays);
            Fixture.Close(flare.GetProperty("recentMean").GetDouble(), f.RecentMean, name + " recentMean");
            Fixture.Close(flare.GetProperty("ownMean").GetDouble(), f.OwnMean, name + " ownMean");
            Fixture.Close(flare.GetProperty("ownSd").GetDouble(), f.OwnSd, name + " ownSd");
        }
    }

    [Fact]
    public void Check_FragileBaseline_IsHelpedOn14Days_ButNotYetClearAfterTheRule()
    {
        using var doc = Fixture.Load(Path.Combine("experiments", "ab_fragile_baseline.json"));
        var (outcome, design) = Read(doc.RootElement);
        var primary = ExperimentAnalyzer.Analyze(outcome, null, design);

        var s = ExperimentSensitivity.Check(outcome, design, primary);

        Assert.Equal(ExperimentVerdict.Helped, primary.Verdict);
        Assert.Equal(ExperimentVerdict.NotYetClear, s.Verdict);
        Assert.StartsWith("Depends on which days count as before", s.Reason, StringComparison.Ordinal);
        Assert.NotEqual(ExperimentVerdict.Helped, s.Rows.Single(r => r.Window == "56").Verdict);
    }

    [Fact]
    public void Check_RobustEffect_StaysHelped_WithEveryWindowPointingDown()
    {
        using var doc = Fixture.Load(Path.Combine("experiments", "ab_robust_helped.json"));
        var (outcome, design) = Read(doc.RootElement);

        var s = ExperimentSensitivity.Check(outcome, design, ExperimentAnalyzer.Analyze(outcome, null, design));

        Assert.Equal(ExperimentVerdict.Helped, s.Verdict);
        Assert.Null(s.Reason);
        Assert.Equal(["14", "28", "56", "all", "trend"], s.Rows.Select(r => r.Window));
        Assert.All(s.Rows, r => Assert.True(r.Effect < 0, r.Window));
    }

    [Fact]
    public void Check_AWindowPointingTheOtherWay_Downgrades()
    {
        // 56 quiet baseline days at 3, then 14 bad days at 8 just before the switch; the intervention days sit at 5:
        // the 14-day window says "helped", the 56-day one "worse".
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = 0; i < 130; i++)
        {
            outcome[Day0.AddDays(i)] = (i < 56 ? 3 : i < 70 ? 8 : 5) + (i % 3 * 0.5);
        }

        var design = ExperimentDesign.AB(Day0.AddDays(56), Day0.AddDays(70), Day0.AddDays(129), onsetDays: 0);
        var primary = ExperimentAnalyzer.Analyze(outcome, null, design);

        var s = ExperimentSensitivity.Check(outcome, design, primary);

        Assert.Equal(ExperimentVerdict.Helped, primary.Verdict);
        Assert.Equal(ExperimentVerdict.NotYetClear, s.Verdict);
        Assert.Contains("56-day", s.Reason, StringComparison.Ordinal);
        Assert.True(s.Rows.Single(r => r.Window == "56").Effect > 0);
    }

    [Fact]
    public void Check_FlareBeforeTheSwitch_IsFlagged_AndAQuietStartIsNot()
    {
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = 0; i < 120; i++)
        {
            outcome[Day0.AddDays(i)] = i is >= 53 and < 60 ? 8 : 4 + (i % 4 * 0.5);
        }

        var flare = ExperimentSensitivity.Check(outcome, ExperimentDesign.AB(Day0, Day0.AddDays(60), Day0.AddDays(119), 0), Primary(outcome, 60)).Flare;
        var quiet = ExperimentSensitivity.Check(outcome, ExperimentDesign.AB(Day0, Day0.AddDays(90), Day0.AddDays(119), 0), Primary(outcome, 90)).Flare;

        Assert.NotNull(flare);
        Assert.True(flare.DuringFlare);
        Assert.Equal(7, flare.RecentDays);
        Assert.Equal(8, flare.RecentMean);
        Assert.Equal(60, flare.OwnDays);
        Assert.NotNull(quiet);
        Assert.False(quiet.DuringFlare);
    }

    [Fact]
    public void Check_Alternating_HasOnlyTheTrendRow_AndNoFlareCheck()
    {
        var outcome = new Dictionary<DateOnly, double>();
        for (var i = 0; i < 84; i++)
        {
            outcome[Day0.AddDays(i)] = (i / 14 % 2 == 1 ? 3 : 5) + (i % 3 * 0.5);
        }

        var blocks = Enumerable.Range(0, 6).Select(b => new ExperimentBlock(Day0.AddDays(14 * b), b % 2 == 1)).ToList();
        var design = ExperimentDesign.Alternating(blocks, Day0.AddDays(83), 3);

        var s = ExperimentSensitivity.Check(outcome, design, ExperimentAnalyzer.Analyze(outcome, null, design));

        Assert.Equal(["trend"], s.Rows.Select(r => r.Window));
        Assert.Null(s.Flare);
        Assert.Equal(ExperimentVerdict.Helped, s.Verdict);
        Assert.InRange(s.Rows[0].Effect!.Value, -2.2, -1.8);
    }

    [Fact]
    public void Fit_ALevelChangeOverATrend_RecoversBoth()
    {
        var day = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        var on = day.Select(d => d >= 30 ? 1.0 : 0.0).ToArray();
        var y = day.Select(d => 2 + (0.05 * d) - (d >= 30 ? 1.5 : 0) + (d % 2 == 0 ? 0.3 : -0.3)).ToArray();

        var fit = LevelChange.Fit(day, on, y);

        Assert.NotNull(fit);
        Assert.InRange(fit.Effect, -1.6, -1.4);
        Assert.InRange(fit.Slope, 0.045, 0.055);
        Assert.True(fit.CiLow < fit.Effect && fit.Effect < fit.CiHigh);
    }

    [Fact]
    public void Fit_TooFewDays_OrNoSwitch_IsNull()
    {
        Assert.Null(LevelChange.Fit([1, 2, 3, 4], [0, 0, 1, 1], [1, 2, 3, 4]));
        Assert.Null(LevelChange.Fit([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 7]));
    }

    private static ExperimentResult Primary(Dictionary<DateOnly, double> outcome, int switchDay) =>
        ExperimentAnalyzer.Analyze(outcome, null, ExperimentDesign.AB(Day0, Day0.AddDays(switchDay), Day0.AddDays(119), 0));

    private static string Json(ExperimentVerdict verdict) => JsonSerializer.Serialize(verdict).Trim('"');

    private static (Dictionary<DateOnly, double> Outcome, ExperimentDesign Design) Read(JsonElement root)
    {
        var d = root.GetProperty("design");
        var blocks = d.GetProperty("blocks").EnumerateArray()
            .Select(b => new ExperimentBlock(Fixture.Date(b.GetProperty("start"))!.Value, b.GetProperty("intervention").GetBoolean()))
            .ToList();
        var design = ExperimentDesign.Alternating(blocks, Fixture.Date(d.GetProperty("end"))!.Value, d.GetProperty("onsetDays").GetInt32());
        var outcome = root.GetProperty("outcome").EnumerateArray().ToDictionary(
            p => DateOnly.ParseExact(p[0].GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            p => p[1].GetDouble());
        return (outcome, design);
    }
}
