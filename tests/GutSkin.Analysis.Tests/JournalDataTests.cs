namespace GutSkin.Analysis.Tests;

public sealed class JournalDataTests
{
    private static readonly DateOnly Day0 = new(2026, 2, 1);

    [Fact]
    public void Constructor_ValuesWithGap_DenseSeriesHasNaNForMissingDays()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "redness", 3), new(Day0.AddDays(3), "redness", 0)]);

        Assert.Equal(4, journal.DayCount);
        Assert.Equal(Day0, journal.FirstDate);
        Assert.Equal(Day0.AddDays(3), journal.LastDate);
        var series = journal.GetSeries("redness").ToArray();
        Assert.Equal(3, series[0]);
        Assert.True(double.IsNaN(series[1]));
        Assert.Equal(0, series[3]); // a logged zero stays zero; missing stays NaN
        Assert.Equal(2, journal.CountLogged("redness"));
    }

    [Theory]
    [InlineData(14, 15)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(3_652_058, 16)]
    public void Constructor_UnloggedRun_KeepsUpTo15DaysOnTheTimeline(int apart, int timeline)
    {
        var first = new DateOnly(1, 1, 1);
        var last = first.AddDays(apart);
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(last, "redness", 2), new(first, "redness", 3), new(first, "water", 1)]);

        Assert.Equal(timeline, journal.DayCount);
        Assert.Equal((first, last), (journal.FirstDate, journal.LastDate));
        Assert.Equal(first.AddDays(14), journal.DateAt(14));
        Assert.Equal(last, journal.DateAt(timeline - 1));
        Assert.Equal([3.0, 2.0], [journal.GetValue("redness", first), journal.GetValue("redness", last)]);
        Assert.True(double.IsNaN(journal.GetValue("redness", first.AddDays(apart / 2))));
        Assert.Equal(new Dictionary<DateOnly, double> { [first] = 3, [last] = 2 }, journal.ToDictionary("redness"));
        Assert.Equal([0, timeline - 1], [journal.IndexOnOrAfter(first), journal.IndexOnOrBefore(last)]);
        Assert.Equal(journal.IndexOnOrBefore(first.AddDays(apart - 1)) + 1, journal.IndexOnOrAfter(first.AddDays(apart - 1).AddDays(1)));
    }

    [Fact]
    public void Constructor_DaysInYear1AndYear9999_AllocatesForTheLoggedDaysOnly()
    {
        JournalValue[] values =
        [
            new(DateOnly.MinValue, "redness", 3), new(DateOnly.MinValue, "sugary_foods", 1),
            new(DateOnly.MaxValue, "redness", 4), new(DateOnly.MaxValue, "sugary_foods", 2),
        ];
        _ = new JournalData(BuiltInCatalog.SeriesItems, values);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var journal = new JournalData(BuiltInCatalog.SeriesItems, values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Per calendar day it would be 3.65 million days × 22 series × 8 bytes, about 640 MB.
        Assert.InRange(allocated, 0, 64 * 1024);
        Assert.Equal(16, journal.DayCount);
    }

    [Fact]
    public void Constructor_SkinScore_IsMeanOfSkinItemsLoggedThatDayIncludingCustomOnes()
    {
        SeriesItem[] items = [.. BuiltInCatalog.SeriesItems, new SeriesItem("chin_spots", "Chin spots", ItemGroup.Skin, false, "point")];
        var journal = new JournalData(items,
        [
            new(Day0, "redness", 2), new(Day0, "itch", 4), new(Day0, "chin_spots", 9),
            new(Day0.AddDays(1), "breakouts", 5),
            new(Day0.AddDays(2), "bloating", 5),
        ]);

        Assert.Equal(5, journal.GetValue(JournalData.SkinScoreKey, Day0));
        Assert.Equal(5, journal.GetValue(JournalData.SkinScoreKey, Day0.AddDays(1)));
        Assert.True(double.IsNaN(journal.GetValue(JournalData.SkinScoreKey, Day0.AddDays(2))));
    }

    [Fact]
    public void Constructor_GutScore_IsMeanOfBloatingConstipationIrregularDigestionOnly()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems,
        [
            new(Day0, "bloating", 2), new(Day0, "constipation", 6), new(Day0, "stool_form", 7),
            new(Day0.AddDays(1), "stool_form", 4),
        ]);

        Assert.Equal(4, journal.GetValue(JournalData.GutScoreKey, Day0));
        Assert.True(double.IsNaN(journal.GetValue(JournalData.GutScoreKey, Day0.AddDays(1))));
    }

    [Fact]
    public void Constructor_SkinItemsNearTheLargestDouble_SkinScoreIsTheirFiniteMean()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "redness", 1.5e308), new(Day0, "itch", 1.7e308), new(Day0, "dryness", 1.0)]);

        Assert.Equal((1.5e308 / 3) + (1.7e308 / 3), journal.GetValue(JournalData.SkinScoreKey, Day0), 1e295);
    }

    [Fact]
    public void Constructor_SameDayAndItemTwice_LaterValueWins()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "water", 1), new(Day0, "water", 2.5)]);

        Assert.Equal(2.5, journal.GetValue("water", Day0));
    }

    [Fact]
    public void Constructor_UnknownKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "coffee", 1)]));

    [Fact]
    public void Constructor_ValueForDerivedScore_Throws() =>
        Assert.Throws<ArgumentException>(() => new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, JournalData.SkinScoreKey, 1)]));

    [Fact]
    public void Constructor_DuplicateItemKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new JournalData([.. BuiltInCatalog.SeriesItems, BuiltInCatalog.SeriesItems[0]], []));

    [Fact]
    public void Constructor_ReservedItemKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new JournalData([new SeriesItem("gut_score", "Gut", ItemGroup.Gut, false, "point")], []));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFiniteValue_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "water", value)]));

    [Fact]
    public void Constructor_Nulls_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new JournalData(null!, []));
        Assert.Throws<ArgumentNullException>(() => new JournalData(BuiltInCatalog.SeriesItems, null!));
    }

    [Fact]
    public void Empty_HasNoDatesAndEmptySeries()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, []);

        Assert.Null(journal.FirstDate);
        Assert.Equal(0, journal.DayCount);
        Assert.True(journal.GetSeries("redness").IsEmpty);
        Assert.True(double.IsNaN(journal.GetValue("redness", Day0)));
        Assert.Empty(journal.ToDictionary("redness"));
    }

    [Fact]
    public void GetValue_OutsideSpan_IsNaN()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "sleep", 7)]);

        Assert.True(double.IsNaN(journal.GetValue("sleep", Day0.AddDays(-1))));
        Assert.True(double.IsNaN(journal.GetValue("sleep", Day0.AddDays(1))));
    }

    [Fact]
    public void GetItem_DerivedAndUnknown()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, []);

        Assert.Equal(ItemGroup.Gut, journal.GetItem(JournalData.GutScoreKey).Group);
        Assert.True(journal.Contains(JournalData.SkinScoreKey));
        Assert.False(journal.Contains("coffee"));
        Assert.Throws<KeyNotFoundException>(() => journal.GetItem("coffee"));
        Assert.Equal(22, journal.AllSeries.Count);
        Assert.Equal(20, journal.Items.Count);
    }

    [Fact]
    public void ToDictionary_ReturnsLoggedDaysOnly()
    {
        var journal = new JournalData(BuiltInCatalog.SeriesItems, [new(Day0, "sleep", 7), new(Day0.AddDays(2), "sleep", 8), new(Day0.AddDays(1), "water", 1)]);

        Assert.Equal(new Dictionary<DateOnly, double> { [Day0] = 7, [Day0.AddDays(2)] = 8 }, journal.ToDictionary("sleep"));
    }
}
