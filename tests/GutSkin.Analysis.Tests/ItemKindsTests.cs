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
}
