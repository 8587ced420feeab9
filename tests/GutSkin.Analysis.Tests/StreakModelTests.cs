namespace GutSkin.Analysis.Tests;

public sealed class StreakModelTests
{
    [Fact]
    public void Fit_SlowerDecayThanAr1_IsCPhiToTheK()
    {
        // ρ(k) = 0.8·0.9ᵏ: a streak of 0.9 under 20% rating noise.
        var model = StreakModel.Fit(0.72, 0.648);

        Assert.Equal(0.9, model.Phi, 12);
        Assert.Equal(0.8, model.C, 12);
    }

    [Theory]
    [InlineData(0.5, 0.25)] // exactly AR(1): ρ₂ = ρ₁²
    [InlineData(0.5, 0.1)] // faster decay than AR(1)
    [InlineData(-0.4, 0.3)] // alternating
    [InlineData(0, 0.2)]
    public void Fit_OtherwiseAr1_PhiIsRho1AndCIs1(double rho1, double rho2)
    {
        var model = StreakModel.Fit(rho1, rho2);

        Assert.Equal((rho1, 1.0), (model.Phi, model.C));
    }

    [Theory]
    [InlineData(0.5, 0.6, 0.99)] // ρ₂ > ρ₁: no decay at all, φ capped
    [InlineData(0.995, 0.99, 0.99)] // AR(1) branch beyond the cap
    [InlineData(-0.999, 0.5, -0.99)]
    public void Fit_PhiIsCappedAt099(double rho1, double rho2, double phi) =>
        Assert.Equal(phi, StreakModel.Fit(rho1, rho2).Phi, 15);

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(0, 1.5)]
    public void Fit_NotAnAutocorrelation_Throws(double rho1, double rho2) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StreakModel.Fit(rho1, rho2));

    [Theory]
    [InlineData(0.6, 0.5)]
    [InlineData(-0.3, -0.5)]
    public void EffectiveDays_AR1Series_IsTheLag1Form(double rhoX, double rhoY)
    {
        var x = StreakModel.Fit(rhoX, rhoX * rhoX);
        var y = StreakModel.Fit(rhoY, rhoY * rhoY);

        Assert.Equal(180 * (1 - (rhoX * rhoY)) / (1 + (rhoX * rhoY)), StreakModel.EffectiveDays(180, x, y), 9);
    }

    [Fact]
    public void EffectiveDays_StreakUnderNoise_FewerThanTheLag1RuleGives()
    {
        // Both series 0.8·0.9ᵏ: Bartlett's sum 1 + 2·0.64·0.81/0.19 ≈ 6.46, against (1 + 0.5184)/(1 − 0.5184) ≈ 3.15 by lag 1 alone.
        var streak = StreakModel.Fit(0.72, 0.648);

        Assert.Equal(180 / (1 + (2 * 0.64 * 0.81 / 0.19)), StreakModel.EffectiveDays(180, streak, streak), 9);
        Assert.True(StreakModel.EffectiveDays(180, streak, streak) < 180 * (1 - 0.5184) / 1.5184);
    }

    [Fact]
    public void EffectiveDays_OppositeSignsOrNoStreak_IsN_AndNeverBelow3()
    {
        Assert.Equal(60, StreakModel.EffectiveDays(60, StreakModel.Fit(0.7, 0.6), StreakModel.Fit(-0.2, 0.04)));
        Assert.Equal(60, StreakModel.EffectiveDays(60, StreakModel.Fit(0, 0.3), StreakModel.Fit(0.9, 0.85)));
        Assert.Equal(3, StreakModel.EffectiveDays(20, StreakModel.Fit(0.99, 0.98), StreakModel.Fit(0.99, 0.98)));
    }
}
