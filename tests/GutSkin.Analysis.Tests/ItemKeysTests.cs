namespace GutSkin.Analysis.Tests;

public sealed class ItemKeysTests
{
    [Theory]
    [InlineData("redness", true)]
    [InlineData("sugary_foods", true)]
    [InlineData("b12_tablets", true)]
    [InlineData("a", true)]
    [InlineData("Redness", false)]
    [InlineData("late snacks", false)]
    [InlineData("_snacks", false)]
    [InlineData("snacks_", false)]
    [InlineData("late__snacks", false)]
    [InlineData("12_tablets", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_LowerSnakeCase_StartingWithALetter(string? key, bool valid) =>
        Assert.Equal(valid, ItemKeys.IsValid(key));

    [Fact]
    public void IsValid_AtMost40Characters()
    {
        Assert.True(ItemKeys.IsValid(new string('a', ItemKeys.MaxLength)));
        Assert.False(ItemKeys.IsValid(new string('a', ItemKeys.MaxLength + 1)));
    }
}
