namespace GutSkin.Analysis.Tests;

public sealed class NumbersTests
{
    [Theory]
    [InlineData(-0.04, 1, "0.0")]
    [InlineData(-0.0001, 2, "0.00")]
    [InlineData(-0.05001, 1, "-0.1")]
    [InlineData(-2.114, 2, "-2.11")]
    [InlineData(0.0, 1, "0.0")]
    public void Fixed_NeverWritesMinusZero(double value, int decimals, string expected) =>
        Assert.Equal(expected, Numbers.Fixed(value, decimals));

    [Theory]
    [InlineData(0.0469, "0.047")]
    [InlineData(0.0009, "< 0.001")]
    [InlineData(0.5, "0.500")]
    public void P_IsThreeDecimalsEverywhere(double p, string expected) => Assert.Equal(expected, Numbers.P(p));

    [Fact]
    public void Decimals_ShowEveryNonzeroBoundWithADigit()
    {
        Assert.Equal(1, Numbers.Decimals(-2.11, -4.18));
        Assert.Equal(2, Numbers.Decimals(-2.11, -4.18, -0.04));
        Assert.Equal(3, Numbers.Decimals(0.0004, 0));
        Assert.Equal("-0.04", Numbers.Fixed(-0.04, Numbers.Decimals(-2.11, -4.18, -0.04)));
    }

    [Theory]
    [InlineData(0.4, "+0.40")]
    [InlineData(-1.2, "-1.20")]
    [InlineData(-0.001, "0.00")]
    public void WithSign_MarksTheDirection(double value, string expected) => Assert.Equal(expected, Numbers.WithSign(value, 2));
}

public sealed class StrengthTests
{
    [Theory]
    [InlineData(0.0001, "clear")]
    [InlineData(0.01, "clear")]
    [InlineData(0.0100001, "fairly clear")]
    [InlineData(0.05, "fairly clear")]
    [InlineData(0.10, "tentative")]
    [InlineData(0.1000001, "not clear")]
    public void Of_FollowsTheStatedRule(double q, string word) => Assert.Equal(word, Strengths.Of(q).Word());
}
