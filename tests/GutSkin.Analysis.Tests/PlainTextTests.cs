using System.Text.RegularExpressions;

namespace GutSkin.Analysis.Tests;

/// <summary>The plain finding sentence reads right for every built-in factor and outcome, a custom yes/no and a custom
/// number item, at every lag, whichever way the effect and its interval fall.</summary>
public sealed partial class PlainTextTests
{
    private static readonly SeriesItem CustomYesNo = new("coffee_after_noon", "Coffee after noon", ItemGroup.Habit, true, "");
    private static readonly SeriesItem CustomNumber = new("walks", "Walks", ItemGroup.Habit, false, "walk");
    private static readonly SeriesItem CustomSymptom = new("scalp_flakes", "Scalp flakes", ItemGroup.Skin, false, "point");

    public static TheoryData<double, double, double, double> Effects() => new()
    {
        { 0.72, 0.51, 0.83, 0.004 },
        { -2.11, -4.18, -0.04, 0.03 },
        { 0.4, -0.02, 0.82, 0.09 },
        { -0.006, -0.011, -0.001, 0.08 },
    };

    [Theory]
    [MemberData(nameof(Effects))]
    public void EverySentence_IsOneGrammaticalSentence_WithRangeAndStrengthInWords(double effect, double low, double high, double q)
    {
        var factors = BuiltInCatalog.SeriesItems.Where(i => i.Group != ItemGroup.Skin).Append(CustomYesNo).Append(CustomNumber).ToList();
        var outcomes = BuiltInCatalog.SeriesItems.Where(i => i.Group is ItemGroup.Skin or ItemGroup.Gut && !i.IsYesNo).Append(CustomSymptom).ToList();
        foreach (var factor in factors)
        {
            foreach (var outcome in outcomes.Where(o => o.Key != factor.Key))
            {
                foreach (var lag in new[] { 0, 1, 2, 14 })
                {
                    var text = Phrases.PlainText(factor, outcome, lag, effect, low, high, q);
                    Assert.Matches(Sentence(), text);
                    Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
                    Assert.DoesNotMatch(MinusZero(), text);
                    Assert.Contains(" about ", text, StringComparison.Ordinal);
                    Assert.Contains("(likely ", text, StringComparison.Ordinal);
                    Assert.Contains(effect >= 0 ? " higher" : " lower", text, StringComparison.Ordinal);
                    Assert.EndsWith($": a {Strengths.Of(q).Word()} pattern.", text, StringComparison.Ordinal);
                    Assert.Contains(lag == 0 && factor.IsYesNo ? "On days you " : Phrases.When(lag), text, StringComparison.Ordinal);
                    Assert.DoesNotContain("you logged took", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("more more", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("CI", text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void AnIntervalAcrossZero_SaysBothDirections()
    {
        var sugar = BuiltInCatalog.SeriesItems.Single(i => i.Key == "sugary_foods");
        var breakouts = BuiltInCatalog.SeriesItems.Single(i => i.Key == "breakouts");

        Assert.Equal(
            "For each extra serving of sugary foods and drinks the day before, your breakouts were about 0.40 points higher (likely anywhere from 0.02 lower to 0.82 higher): a tentative pattern.",
            Phrases.PlainText(sugar, breakouts, 1, 0.4, -0.02, 0.82, 0.09));
    }

    [Fact]
    public void ACustomYesNo_ReadsAsSomethingLogged()
    {
        var redness = BuiltInCatalog.SeriesItems.Single(i => i.Key == "redness");

        Assert.Equal(
            "When you logged coffee after noon the day before, your redness was about 2.11 points lower than when you did not (likely between 0.04 and 4.18 lower): a fairly clear pattern.",
            Phrases.PlainText(CustomYesNo, redness, 1, -2.11, -4.18, -0.04, 0.03));
    }

    // One capitalised sentence: no full stop before the last character.
    [GeneratedRegex(@"^[A-Z][^.]*(\d\.\d+[^.]*)*\.$")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"-0(\.0+)?(?!\.?\d*[1-9])")]
    private static partial Regex MinusZero();
}
