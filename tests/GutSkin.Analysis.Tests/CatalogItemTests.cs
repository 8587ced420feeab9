namespace GutSkin.Analysis.Tests;

public sealed class CatalogItemTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(0.5, false)]
    [InlineData(2, false)]
    public void Accepts_YesNo_OnlyZeroOrOne(double value, bool accepted) =>
        Assert.Equal(accepted, new CatalogItem("dairy", "Dairy", ItemGroup.Habit, ItemKind.YesNo, 0, 1).Accepts(value));

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(0, false)]
    [InlineData(7.5, false)]
    [InlineData(double.NaN, false)]
    public void Accepts_Scale_WithinRange(double value, bool accepted) =>
        Assert.Equal(accepted, new CatalogItem("stool_form", "Stool", ItemGroup.Gut, ItemKind.Scale, 1, 7).Accepts(value));

    [Fact]
    public void ToSeriesItem_CarriesKeyLabelGroupYesNoAndUnit() =>
        Assert.Equal(
            new SeriesItem("water", "Water", ItemGroup.Habit, false, "L"),
            new CatalogItem("water", "Water", ItemGroup.Habit, ItemKind.Litres, 0, 10).ToSeriesItem());
}
