using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ItemKindTests
{
    [Fact]
    public void All_ListsTheSevenKinds_ByTheirApiNames() =>
        Assert.Equal(["severity", "scale", "yesno", "servings", "litres", "hours", "dose"], ItemKinds.All.Select(k => k.Name));

    [Fact]
    public void Json_UsesTheApiNames_WhateverTheNamingPolicy()
    {
        Assert.All(ItemKinds.All, k => Assert.Equal($"\"{k.Name}\"", JsonSerializer.Serialize(k, JsonSerializerOptions.Web)));
        Assert.Equal(ItemKind.YesNo, JsonSerializer.Deserialize<ItemKind>("\"yesno\""));
    }

    [Theory]
    [InlineData("yesno", ItemKind.YesNo)]
    [InlineData("Litres", ItemKind.Litres)]
    [InlineData("HOURS", ItemKind.Hours)]
    public void TryParse_AnApiName_AnyCase(string text, ItemKind expected)
    {
        Assert.True(ItemKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("yes_no")]
    [InlineData("furlongs")]
    public void TryParse_AnythingElse_IsRefused(string? text) => Assert.False(ItemKinds.TryParse(text, out _));

    [Fact]
    public void Unit_EveryKind_HasTheUnitOfTheCatalog() =>
        Assert.Equal(["point", "point", "", "serving", "L", "h", "dose"], ItemKinds.All.Select(k => k.Unit));

    [Fact]
    public void DefaultRange_IsTheBuiltInCatalogsRangeOfThatKind() =>
        Assert.All(BuiltInCatalog.Items, i => Assert.Equal((i.Min, i.Max), i.Kind.DefaultRange));

    [Theory]
    [InlineData(ItemKind.Severity, 0, 10, 3, null)]
    [InlineData(ItemKind.Severity, 0, 10, 3.5, "must be a whole number from 0 to 10")]
    [InlineData(ItemKind.Severity, 0, 10, 11, "must be between 0 and 10")]
    [InlineData(ItemKind.Scale, 1, 7, 0, "must be between 1 and 7")]
    [InlineData(ItemKind.YesNo, 0, 1, 2, "must be 1 (yes) or 0 (no)")]
    [InlineData(ItemKind.YesNo, 0, 1, 1, null)]
    [InlineData(ItemKind.Litres, 0, 10, 2.25, null)]
    [InlineData(ItemKind.Hours, 0, 24, 24.5, "must be between 0 and 24")]
    [InlineData(ItemKind.Servings, 0, 20, double.NaN, "must be a number")]
    [InlineData(ItemKind.Litres, 0, 10, double.PositiveInfinity, "must be a number")]
    [InlineData(ItemKind.Dose, 0, 1000, 2.5, null)]
    [InlineData(ItemKind.Dose, 0, 1000, -1, "must be between 0 and 1000")]
    public void Problem_SaysWhyAValueDoesNotFit(ItemKind kind, double min, double max, double value, string? expected) =>
        Assert.Equal(expected, kind.Problem(min, max, value));

    [Fact]
    public void IsWholeNumber_EveryKindButLitresHoursAndDoses() =>
        Assert.Equal([ItemKind.Severity, ItemKind.Scale, ItemKind.YesNo, ItemKind.Servings], ItemKinds.All.Where(k => k.IsWholeNumber));
}
