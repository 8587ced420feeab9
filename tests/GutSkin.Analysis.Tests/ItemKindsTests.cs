namespace GutSkin.Analysis.Tests;

public sealed class ItemKindsTests
{
    [Fact]
    public void All_ListsTheSixKinds() =>
        Assert.Equal(["severity", "scale", "yesno", "servings", "litres", "hours"], ItemKinds.All);

    [Fact]
    public void UnitOf_UnknownKind_Throws() =>
        Assert.Throws<ArgumentException>(() => ItemKinds.UnitOf("furlongs"));

    [Fact]
    public void UnitOf_EveryKind_HasAUnit() =>
        Assert.All(ItemKinds.All, k => Assert.NotNull(ItemKinds.UnitOf(k)));

    [Theory]
    [InlineData("severity", 0, 10, 3, null)]
    [InlineData("severity", 0, 10, 3.5, "must be a whole number from 0 to 10")]
    [InlineData("severity", 0, 10, 11, "must be between 0 and 10")]
    [InlineData("scale", 1, 7, 0, "must be between 1 and 7")]
    [InlineData("yesno", 0, 1, 2, "must be 1 (yes) or 0 (no)")]
    [InlineData("yesno", 0, 1, 1, null)]
    [InlineData("litres", 0, 10, 2.25, null)]
    [InlineData("hours", 0, 24, 24.5, "must be between 0 and 24")]
    [InlineData("servings", 0, 20, double.NaN, "must be a number")]
    [InlineData("litres", 0, 10, double.PositiveInfinity, "must be a number")]
    public void Problem_SaysWhyAValueDoesNotFit(string kind, double min, double max, double value, string? expected) =>
        Assert.Equal(expected, ItemKinds.Problem(kind, min, max, value));

    [Fact]
    public void IsWholeNumber_EveryKindButLitresAndHours() =>
        Assert.Equal(["severity", "scale", "yesno", "servings"], ItemKinds.All.Where(ItemKinds.IsWholeNumber));
}
