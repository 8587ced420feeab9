namespace GutSkin.Analysis.Tests;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData(null, "Give the experiment a name of 1 to 100 characters.")]
    [InlineData("   ", "Give the experiment a name of 1 to 100 characters.")]
    [InlineData("nul\0", StoredText.NulMessage)]
    [InlineData("  Probiotic  ", null)]
    public void CheckName_OneToAHundredCharactersWithoutNul(string? name, string? expected) =>
        Assert.Equal(expected, StoredText.CheckName(name, "the experiment"));

    [Fact]
    public void CheckName_CountsTheTrimmedName()
    {
        Assert.Null(StoredText.CheckName(" " + new string('a', 100) + " ", "the experiment"));
        Assert.NotNull(StoredText.CheckName(new string('a', 101), "the experiment"));
    }
}
