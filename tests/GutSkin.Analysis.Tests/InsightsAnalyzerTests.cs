using System.Text.Json;


namespace GutSkin.Analysis.Tests;

public sealed class InsightsAnalyzerTests
{
    private static readonly DateOnly Day0 = new(2026, 3, 1);

    public static TheoryData<string> Cases => Fixture.Names("insights");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyze_ReferenceJournal_MatchesNumpyScipyStatsmodels(string name)
    {
        using var doc = Fixture.Load(Path.Combine("insights", name + ".json"));
        var root = doc.RootElement;
        var journal = Fixture.Journal(name, root);
        var expected = root.GetProperty("expected");

        var report = InsightsAnalyzer.Analyze(
            journal,
            root.GetProperty("maxLag").GetInt32(),
            Fixture.Date(root.GetProperty("dateFrom")),
            Fixture.Date(root.GetProperty("dateTo")));

        Assert.Equal(expected.GetProperty("maxLag").GetInt32(), report.MaxLag);
        var associations = expected.GetProperty("associations").EnumerateArray().ToList();
        Assert.Equal(associations.Count, report.Associations.Count);
        for (var i = 0; i < associations.Count; i++)
        {
            var e = associations[i];
            var a = report.Associations[i];
            var what = $"{name} {a.Factor}->{a.Outcome} lag {a.LagDays}";
            Assert.Equal((e.GetProperty("factor").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("lagDays").GetInt32()), (a.Factor, a.Outcome, a.LagDays));
            Assert.Equal(e.GetProperty("n").GetInt32(), a.N);
            Fixture.Close(Fixture.Number(e.GetProperty("effectiveDays")), a.EffectiveDays, what + " effectiveDays");
            Fixture.Close(Fixture.Number(e.GetProperty("effect")), a.Effect, what + " effect");
            Fixture.Close(Fixture.Number(e.GetProperty("standardError")), a.StandardError, what + " standardError");
            Fixture.Close(Fixture.Number(e.GetProperty("ciLow")), a.CiLow, what + " ciLow");
            Fixture.Close(Fixture.Number(e.GetProperty("ciHigh")), a.CiHigh, what + " ciHigh");
            Fixture.Close(Fixture.Number(e.GetProperty("pValue")), a.PValue, what + " pValue");
            Fixture.Close(Fixture.Number(e.GetProperty("qValue")), a.QValue, what + " qValue");
        }

        var notTested = expected.GetProperty("notTested").EnumerateArray().ToList();
        Assert.Equal(notTested.Count, report.NotTested.Count);
        for (var i = 0; i < notTested.Count; i++)
        {
            var e = notTested[i];
            var a = report.NotTested[i];
            Assert.Equal((e.GetProperty("factor").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("lagDays").GetInt32()), (a.Factor, a.Outcome, a.LagDays));
            Assert.Equal(e.GetProperty("n").GetInt32(), a.N);
            Assert.Equal(e.GetProperty("kind").GetString(), JsonSerializer.Serialize(a.Kind).Trim('"'));
            Assert.Equal(e.GetProperty("missingDays").ValueKind == JsonValueKind.Null ? null : e.GetProperty("missingDays").GetInt32(), a.MissingDays);
            Assert.Equal(e.GetProperty("reason").GetString(), a.Reason);
        }

        var findings = expected.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(findings.Count, report.Findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var e = findings[i];
            var a = report.Findings[i];
            var what = $"{name} finding {i}";
            Assert.Equal((e.GetProperty("factor").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("lagDays").GetInt32()), (a.Factor, a.Outcome, a.LagDays));
            Assert.Equal(e.GetProperty("n").GetInt32(), a.N);
            Assert.Equal(e.GetProperty("isGutSkinLink").GetBoolean(), a.IsGutSkinLink);
            Fixture.Close(Fixture.Number(e.GetProperty("effect")), a.Effect, what + " effect");
            Fixture.Close(Fixture.Number(e.GetProperty("ciLow")), a.CiLow, what + " ciLow");
            Fixture.Close(Fixture.Number(e.GetProperty("ciHigh")), a.CiHigh, what + " ciHigh");
            Fixture.Close(Fixture.Number(e.GetProperty("pValue")), a.PValue, what + " pValue");
            Fixture.Close(Fixture.Number(e.GetProperty("qValue")), a.QValue, what + " qValue");
            Assert.Equal(e.GetProperty("text").GetString(), a.Text);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(15)]
    public void Analyze_MaxLagOutside0To14_Throws(int maxLag)
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => InsightsAnalyzer.Analyze(journal, maxLag));
    }

    [Fact]
    public void Analyze_FromAfterTo_Throws()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, []);
        Assert.Throws<ArgumentException>(() => InsightsAnalyzer.Analyze(journal, 3, Day0.AddDays(1), Day0));
    }

    [Fact]
    public void Analyze_NullJournal_Throws() =>
        Assert.Throws<ArgumentNullException>(() => InsightsAnalyzer.Analyze(null!));

    [Fact]
    public void Analyze_EmptyJournal_ReturnsEmptyLists()
    {
        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, []), 5);

        Assert.Equal(5, report.MaxLag);
        Assert.Empty(report.Associations);
        Assert.Empty(report.NotTested);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Analyze_WindowOutsideJournal_ReturnsEmptyLists()
    {
        var journal = Linear(30, lag: 0);

        var report = InsightsAnalyzer.Analyze(journal, 0, Day0.AddDays(100), Day0.AddDays(120));

        Assert.Empty(report.Associations);
        Assert.Empty(report.NotTested);
    }

    [Fact]
    public void Analyze_ItemsNeverLogged_AreNotPlanned()
    {
        var report = InsightsAnalyzer.Analyze(Linear(30, lag: 0), 0);

        var keys = report.Associations.Select(a => a.Factor).Concat(report.Associations.Select(a => a.Outcome))
            .Concat(report.NotTested.Select(a => a.Factor)).Concat(report.NotTested.Select(a => a.Outcome)).ToHashSet();
        Assert.Equal(["breakouts", "skin_score", "sugary_foods"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyze_PlanOrder_HabitsThenGutFactorsAndLagsInnermost()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 40; i++)
        {
            var d = Day0.AddDays(i);
            values.Add(new(d, "stress", i % 5));
            values.Add(new(d, "bloating", (i * 7) % 4));
            values.Add(new(d, "redness", (i * 3) % 6));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 1);

        var order = report.Associations.Select(a => $"{a.Factor}>{a.Outcome}@{a.LagDays}").ToList();
        Assert.Equal(
            [
                "stress>redness@0", "stress>redness@1", "stress>skin_score@0", "stress>skin_score@1",
                "stress>bloating@0", "stress>bloating@1", "stress>gut_score@0", "stress>gut_score@1",
                "bloating>redness@0", "bloating>redness@1", "bloating>skin_score@0", "bloating>skin_score@1",
                "gut_score>redness@0", "gut_score>redness@1", "gut_score>skin_score@0", "gut_score>skin_score@1",
            ],
            order);
    }

    [Fact]
    public void Analyze_StrongPlantedLag_IsAFindingWithPlainText()
    {
        var report = InsightsAnalyzer.Analyze(Linear(60, lag: 2), 3);

        var top = report.Findings[0];
        Assert.Equal(("sugary_foods", 2), (top.Factor, top.LagDays));
        Assert.StartsWith("Two days after more sugary foods and drinks, your breakouts were", top.Text, StringComparison.Ordinal);
        Assert.Contains("points higher per serving (95% CI", top.Text, StringComparison.Ordinal);
        Assert.EndsWith("not proof that one causes the other.", top.Text, StringComparison.Ordinal);
        Assert.StartsWith("For each extra serving of sugary foods and drinks two days before, your breakouts were about ", top.Plain, StringComparison.Ordinal);
        Assert.Contains(" points higher (likely between ", top.Plain, StringComparison.Ordinal);
        Assert.EndsWith($"): a {top.Strength.Word()} pattern.", top.Plain, StringComparison.Ordinal);
        Assert.Equal(Strengths.Of(top.QValue), top.Strength);
        Assert.False(top.IsGutSkinLink);
        Assert.All(report.Findings, f => Assert.True(f.QValue <= InsightsAnalyzer.FindingQThreshold));
        Assert.Equal(report.Findings.OrderBy(f => f.QValue).ThenBy(f => f.PValue).Select(f => f.Text), report.Findings.Select(f => f.Text));
    }

    [Fact]
    public void Analyze_YesNoFactorLowersOutcome_TextSaysLowerThanOtherDays()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 60; i++)
        {
            var took = (i * 7 % 5) < 2 ? 1 : 0;
            values.Add(new(Day0.AddDays(i), "probiotic_supplement", took));
            values.Add(new(Day0.AddDays(i), "redness", 5 - (2 * took) + ((i * 13 % 7) / 7.0)));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 0);

        var finding = Assert.Single(report.Findings, f => f.Outcome == "redness");
        Assert.StartsWith("On days when you took a probiotic supplement, your redness was 2.0 points lower than on other days (95% CI", finding.Text, StringComparison.Ordinal);
        Assert.StartsWith("On days you took a probiotic supplement, your redness was about 2.0 points lower than on days you did not (likely between ", finding.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_GutFactorForSkinOutcome_IsFlaggedAsGutSkinLink()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 60; i++)
        {
            var bloating = (i * 7) % 9;
            values.Add(new(Day0.AddDays(i), "bloating", bloating));
            values.Add(new(Day0.AddDays(i), "itch", bloating / 2.0 + ((i * 5) % 3)));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 0);

        Assert.Contains(report.Findings, f => f.Factor == "bloating" && f.Outcome == "itch" && f.IsGutSkinLink);
    }

    [Fact]
    public void Analyze_LagAcrossAGap_PairsCalendarDaysNotRows()
    {
        // Days 0-19 and 30-49 logged; at lag 1, day 30's outcome has no factor on day 29, so it is not a row.
        var values = new List<JournalValue>();
        foreach (var i in Enumerable.Range(0, 20).Concat(Enumerable.Range(30, 20)))
        {
            values.Add(new(Day0.AddDays(i), "stress", (i * 7) % 10));
            values.Add(new(Day0.AddDays(i), "redness", (i * 3) % 8));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 10);

        int N(int lag) => report.Associations.Single(a => a is { Factor: "stress", Outcome: "redness" } && a.LagDays == lag).N;
        Assert.Equal(40, N(0));
        Assert.Equal(38, N(1));
        Assert.Equal(20, N(10)); // outcome days 10-19 and 40-49; days 30-39 would need factor days 20-29
    }

    [Fact]
    public void EstimateMoreDays_NoFindings_ReturnsPositiveDays()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 30; i++)
        {
            values.Add(new(Day0.AddDays(i), "water", 1 + ((i * 7) % 5 / 2.0)));
            values.Add(new(Day0.AddDays(i), "redness", 3 + ((i * 7) % 5 / 10.0) + ((i * 11) % 4)));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 0);

        Assert.Empty(report.Findings);
        var more = InsightsAnalyzer.EstimateMoreDays(report);
        Assert.NotNull(more);
        Assert.InRange(more.Value, 1, MoreDays.Cap);
    }

    [Fact]
    public void EstimateMoreDays_OnlyShortPairs_ReturnsSmallestMissingDays()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 10; i++)
        {
            values.Add(new(Day0.AddDays(i), "water", i % 3));
            values.Add(new(Day0.AddDays(i), "redness", i % 4));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 2);

        Assert.Equal(4, InsightsAnalyzer.EstimateMoreDays(report));
    }

    [Fact]
    public void EstimateMoreDays_EmptyReport_ReturnsNull() =>
        Assert.Null(InsightsAnalyzer.EstimateMoreDays(new InsightsReport(3, [], [], [])));

    [Fact]
    public void Analyze_730Days30Habits_CompletesAndTestsEveryPair()
    {
        var journal = SyntheticJournal.Create(730, 30, 6, 4, seed: 1);

        var report = InsightsAnalyzer.Analyze(journal, 3);

        // 30 habits × (6 skin + skin_score + 4 gut + gut_score) + (4 gut + gut_score) × (6 skin + skin_score), 4 lags.
        Assert.Equal(((30 * 12) + (5 * 7)) * 4, report.Associations.Count + report.NotTested.Count);
        Assert.All(report.Associations, a => Assert.False(double.IsNaN(a.PValue) || double.IsNaN(a.CiLow) || double.IsNaN(a.QValue)));
    }

    [Fact]
    public void Analyze_DaysInYear1AndYear9999_SmallMemory_AndTheReportOfTheSameDaysCloseTogether()
    {
        // 40 days from 0001-01-01 and 40 days to 9999-12-31, and the same 80 days with the blocks 20 days apart:
        // no lag up to 14 reaches across either gap, so both journals give the same report.
        static List<JournalValue> Journal(DateOnly secondStart)
        {
            var values = new List<JournalValue>();
            for (var i = 0; i < 80; i++)
            {
                var day = i < 40 ? DateOnly.MinValue.AddDays(i) : secondStart.AddDays(i - 40);
                values.Add(new(day, "stress", (i * 7) % 10));
                values.Add(new(day, "redness", ((i * 3) % 8) + (i % 5 == 0 ? 2 : 0)));
                values.Add(new(day, "bloating", (i * 5) % 6));
            }

            return values;
        }

        var far = Journal(DateOnly.MaxValue.AddDays(-39));
        var near = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, Journal(DateOnly.MinValue.AddDays(60))), InsightsAnalyzer.MaxLagLimit);
        _ = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, far), InsightsAnalyzer.MaxLagLimit);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, far), InsightsAnalyzer.MaxLagLimit, DateOnly.MinValue, DateOnly.MaxValue);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
        Assert.NotEmpty(report.Associations);
        Assert.Equal(near.Associations, report.Associations);
        Assert.Equal(near.NotTested, report.NotTested);
        Assert.Equal(near.Findings, report.Findings);
    }

    [Fact]
    public void Analyze_WindowInsideALongUnloggedRun_StartsAtTheNextLoggedDay()
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < 30; i++)
        {
            foreach (var start in new[] { Day0, Day0.AddDays(1000) })
            {
                values.Add(new(start.AddDays(i), "stress", (i * 7) % 10));
                values.Add(new(start.AddDays(i), "redness", (i * 3) % 8));
            }
        }

        var journal = new JournalData(BuiltInCatalog.SeriesItems, values);

        var report = InsightsAnalyzer.Analyze(journal, 0, Day0.AddDays(500), null);

        Assert.Equal(30, report.Associations.Single(a => a is { Factor: "stress", Outcome: "redness" }).N);
        Assert.Empty(InsightsAnalyzer.Analyze(journal, 0, Day0.AddDays(40), Day0.AddDays(900)).Associations);
    }

    [Fact]
    public void Analyze_TinyAndHugeCustomItems_TestsWhatADoubleHolds_AndSaysWhyNotTheRest()
    {
        SeriesItem[] items =
        [
            .. BuiltInCatalog.SeriesItems,
            new("tiny_dose", "Tiny dose", ItemGroup.Habit, false, "unit"),
            new("huge_rash", "Huge rash", ItemGroup.Skin, false, "point"),
        ];
        var values = new List<JournalValue>();
        for (var i = 0; i < 40; i++)
        {
            values.Add(new(Day0.AddDays(i), "tiny_dose", (1 + ((i * 7) % 5)) * 1e-170));
            values.Add(new(Day0.AddDays(i), "huge_rash", (2 + ((i * 3) % 4)) * 1e160));
            values.Add(new(Day0.AddDays(i), "redness", (i * 5) % 7));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(items, values), 0);

        var redness = report.Associations.Single(a => a is { Factor: "tiny_dose", Outcome: "redness" });
        Assert.True(double.IsFinite(redness.Effect) && redness.StandardError > 0 && redness.PValue > 0);
        var huge = report.NotTested.Single(p => p is { Factor: "tiny_dose", Outcome: "huge_rash" });
        Assert.Equal(NotTestedKind.OutOfRange, huge.Kind);
        Assert.StartsWith("The values are too large to compare", huge.Reason, StringComparison.Ordinal);
        Assert.All(report.Associations, a => Assert.True(double.IsFinite(a.Effect) && double.IsFinite(a.CiLow) && double.IsFinite(a.CiHigh) && double.IsFinite(a.QValue)));
    }

    [Fact]
    public void Analyze_ATreatment_IsAFactorLikeAHabit_NeverAnOutcome()
    {
        SeriesItem[] items = [.. BuiltInCatalog.SeriesItems, new("isotretinoin", "Isotretinoin", ItemGroup.Treatment, false, "mg")];
        var values = new List<JournalValue>();
        for (var i = 0; i < 40; i++)
        {
            values.Add(new(Day0.AddDays(i), "isotretinoin", 10 * ((i * 7) % 3)));
            values.Add(new(Day0.AddDays(i), "sugary_foods", (i * 5) % 4));
            values.Add(new(Day0.AddDays(i), "redness", (i * 5) % 7));
            values.Add(new(Day0.AddDays(i), "bloating", (i * 3) % 5));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(items, values), 0);

        Assert.Equal(
            ["redness", "skin_score", "bloating", "gut_score"],
            report.Associations.Where(a => a.Factor == "isotretinoin").Select(a => a.Outcome));
        Assert.DoesNotContain(report.Associations, a => a.Outcome == "isotretinoin");
        Assert.Equal(
            report.Associations.Where(a => a.Factor == "sugary_foods").Select(a => a.Outcome),
            report.Associations.Where(a => a.Factor == "isotretinoin").Select(a => a.Outcome));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Analyze_OnSeveralThreads_GivesTheSameReportAsOnOne(int threads)
    {
        var journal = SyntheticJournal.Create(400, 14, 6, 4, seed: 3);
        var from = journal.FirstDate!.Value.AddDays(20);

        var one = InsightsAnalyzer.Analyze(journal, 5, from, null);
        var many = InsightsAnalyzer.Analyze(journal, 5, from, null, threads);

        Assert.NotEmpty(one.Associations);
        Assert.Equal(one.Associations, many.Associations);
        Assert.Equal(one.NotTested, many.NotTested);
        Assert.Equal(one.Findings, many.Findings);
    }

    [Fact]
    public void Analyze_NoThreads_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, []), threads: 0));

    private static JournalData Linear(int days, int lag)
    {
        var values = new List<JournalValue>();
        for (var i = 0; i < days; i++)
        {
            var sugar = (i * 7) % 5;
            values.Add(new(Day0.AddDays(i), "sugary_foods", sugar));
            var driver = i >= lag ? (i - lag) * 7 % 5 : 2;
            values.Add(new(Day0.AddDays(i), "breakouts", 1 + (0.8 * driver) + ((i * 3) % 4 * 0.3)));
        }

        return new JournalData(BuiltInCatalog.SeriesItems, values);
    }

    [Theory]
    [InlineData(ItemGroup.Gut, ItemGroup.Skin, true)]
    [InlineData(ItemGroup.Habit, ItemGroup.Skin, false)]
    [InlineData(ItemGroup.Habit, ItemGroup.Gut, false)]
    public void IsGutSkinLink_AnyGutFactorAgainstASkinOutcome(ItemGroup factor, ItemGroup outcome, bool expected) =>
        Assert.Equal(expected, InsightsAnalyzer.IsGutSkinLink(
            new SeriesItem("my_cramps", "My cramps", factor, false, "point"), new SeriesItem("my_rash", "My rash", outcome, false, "point")));
}
