namespace GutSkin.Analysis.Tests;

public sealed class BuiltInCatalogTests
{
    [Fact]
    public void Items_TwentyItemsSixSkinFourGutTenHabits()
    {
        Assert.Equal(20, BuiltInCatalog.Items.Count);
        Assert.Equal(6, BuiltInCatalog.Items.Count(i => i.Group == ItemGroup.Skin));
        Assert.Equal(4, BuiltInCatalog.Items.Count(i => i.Group == ItemGroup.Gut));
        Assert.Equal(10, BuiltInCatalog.Items.Count(i => i.Group == ItemGroup.Habit));
        Assert.Equal(20, BuiltInCatalog.Items.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Items_YesNoItemsAreProbioticAntibioticsIllness() =>
        Assert.Equal(["probiotic_supplement", "antibiotics", "illness"], BuiltInCatalog.Items.Where(i => i.IsYesNo).Select(i => i.Key));

    [Theory]
    [InlineData("redness", ItemKind.Severity, 0, 10, "point")]
    [InlineData("stool_form", ItemKind.Scale, 1, 7, "point")]
    [InlineData("fermented_foods", ItemKind.Servings, 0, 20, "serving")]
    [InlineData("water", ItemKind.Litres, 0, 10, "L")]
    [InlineData("sleep", ItemKind.Hours, 0, 24, "h")]
    [InlineData("illness", ItemKind.YesNo, 0, 1, "")]
    public void TryGet_KnownKey_HasSpecifiedKindRangeAndUnit(string key, ItemKind kind, double min, double max, string unit)
    {
        Assert.True(BuiltInCatalog.TryGet(key, out var item));
        Assert.Equal((kind, min, max, unit), (item.Kind, item.Min, item.Max, item.Unit));
    }

    [Fact]
    public void TryGet_UnknownKey_ReturnsFalse()
    {
        Assert.False(BuiltInCatalog.TryGet("coffee", out var item));
        Assert.Null(item);
        Assert.False(BuiltInCatalog.Contains("Redness"));
    }

    [Fact]
    public void SeriesItems_MatchItems() =>
        Assert.Equal(BuiltInCatalog.Items.Select(i => i.ToSeriesItem()), BuiltInCatalog.SeriesItems);

    [Fact]
    public void GutScoreKeys_AreTheThreeGutSymptoms() =>
        Assert.Equal(["bloating", "constipation", "irregular_digestion"], BuiltInCatalog.GutScoreKeys);
}
