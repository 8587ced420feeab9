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
