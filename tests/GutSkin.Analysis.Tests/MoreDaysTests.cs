namespace GutSkin.Analysis.Tests;

public sealed class MoreDaysTests
{
    [Fact]
    public void ToExcludeZero_HalfTheNeededPrecision_AboutFourTimesTheDays()
    {
        // With SE twice the target, n_eff − 2 must grow about fourfold (a little more for the t quantile at small df).
        var more = MoreDays.ToExcludeZero(effect: 1.0, standardError: 0.7, n: 40, effectiveDays: 40);

        Assert.InRange(more, 40, 200);
    }

    [Fact]
    public void ToExcludeZero_AlreadyClear_ReturnsZero() =>
        Assert.Equal(0, MoreDays.ToExcludeZero(effect: 2.0, standardError: 0.1, n: 100, effectiveDays: 80));

    [Fact]
    public void ToExcludeZero_ZeroEffect_ReturnsCap() =>
        Assert.Equal(MoreDays.Cap, MoreDays.ToExcludeZero(effect: 0, standardError: 0.3, n: 30, effectiveDays: 30));

    [Fact]
    public void ToExcludeZero_StreakyDays_ScaleByCalendarDaysPerEffectiveDay()
    {
        var independent = MoreDays.ToExcludeZero(1.0, 0.6, n: 20, effectiveDays: 20);
        var streaky = MoreDays.ToExcludeZero(1.0, 0.6, n: 60, effectiveDays: 20);

        Assert.InRange(streaky, (3 * independent) - 3, (3 * independent) + 3);
    }

    [Fact]
    public void ToExcludeZero_StricterAlpha_NeedsMoreDays() =>
        Assert.True(MoreDays.ToExcludeZero(0.5, 0.3, 50, 40, alpha: 0.001) > MoreDays.ToExcludeZero(0.5, 0.3, 50, 40));

    [Fact]
    public void ToSettle_SmallEffect_SettlesTowardsNoMeaningfulChange()
    {
        var toBand = MoreDays.ToSettle(effect: 0.05, standardError: 0.4, n: 40, effectiveDays: 30);
        var toZero = MoreDays.ToExcludeZero(effect: 0.05, standardError: 0.4, n: 40, effectiveDays: 30);

        Assert.True(toBand < toZero);
    }

    [Theory]
    [InlineData(double.NaN, 0.1, 10, 10)]
    [InlineData(1, -0.1, 10, 10)]
    [InlineData(1, 0.1, 2, 3)]
    [InlineData(1, 0.1, 10, 2)]
    [InlineData(1, 0.1, 10, 11)]
    public void ToExcludeZero_InvalidArguments_Throw(double effect, double se, int n, double effectiveDays) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MoreDays.ToExcludeZero(effect, se, n, effectiveDays));

    [Fact]
    public void ToSettle_NonPositiveBand_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MoreDays.ToSettle(0.1, 0.1, 10, 10, band: 0));
}
