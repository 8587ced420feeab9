namespace GutSkin.Analysis.Tests;

public sealed class DailyScoresTests
{
    [Fact]
    public void Of_SkinIsTheMeanOfSkinItems_GutOfTheThreeGutSymptoms()
    {
        var (skin, gut) = DailyScores.Of(
        [
            (ItemGroup.Skin, "redness", 4), (ItemGroup.Skin, "my_rash", 2), (ItemGroup.Gut, "bloating", 6),
            (ItemGroup.Gut, "constipation", 2), (ItemGroup.Gut, "stool_form", 7), (ItemGroup.Gut, "my_cramps", 9), (ItemGroup.Habit, "water", 2),
        ]);

        Assert.Equal(3.0, skin);
        Assert.Equal(4.0, gut);
    }

    [Fact]
    public void Of_NoItemOfAScore_LeavesItMissing() =>
        Assert.Equal((null, null), DailyScores.Of([(ItemGroup.Habit, "water", 2), (ItemGroup.Gut, "stool_form", 4)]));

    [Fact]
    public void JournalData_HasTheSameScoresAsOf()
    {
        var day = new DateOnly(2026, 1, 1);
        var items = BuiltInCatalog.SeriesItems.Append(new SeriesItem("my_rash", "My rash", ItemGroup.Skin, false, "point")).ToList();
        var values = new (string Key, double Value)[] { ("redness", 4), ("my_rash", 1), ("bloating", 6), ("irregular_digestion", 3), ("stool_form", 2) };

        var journal = new JournalData(items, values.Select(v => new JournalValue(day, v.Key, v.Value)));
        var (skin, gut) = DailyScores.Of(values.Select(v => (items.Single(i => i.Key == v.Key).Group, v.Key, v.Value)));

        Assert.Equal(skin, journal.GetValue(JournalData.SkinScoreKey, day));
        Assert.Equal(gut, journal.GetValue(JournalData.GutScoreKey, day));
    }
}
