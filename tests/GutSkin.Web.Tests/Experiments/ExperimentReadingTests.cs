using System.Text.RegularExpressions;
using GutSkin.Analysis;
using GutSkin.Web.Features.Experiments;

namespace GutSkin.Web.Tests.Experiments;

/// <summary>The reading sentence for every template, every skin outcome and a custom yes/no and number item, in every verdict.</summary>
public sealed partial class ExperimentReadingTests
{
    private static readonly SeriesItem CustomYesNo = new("rash_today", "Rash today", ItemGroup.Skin, true, "");

    private static readonly SeriesItem CustomNumber = new("pih_spots", "PIH spots", ItemGroup.Skin, false, "point");

    private static readonly SeriesItem SkinScore = new(JournalData.SkinScoreKey, "Skin score", ItemGroup.Skin, false, "point");

    private static IEnumerable<(ExperimentResult Result, ExperimentSensitivity? Sensitivity)> Results()
    {
        static ExperimentResult R(ExperimentVerdict v, double? effect, double? low, double? high, int? more = null) =>
            new(41, 30.5, effect, 1, low, high, 0.047, 14, 27, 14, 0.9, v, more, 5, 3);

        var downgraded = new ExperimentSensitivity([], ExperimentVerdict.NotYetClear, "Depends on which days count as before: allowing for a trend already under way, the 95% CI includes no change.", null);
        yield return (R(ExperimentVerdict.Helped, -2.11, -4.18, -0.04), null);
        yield return (R(ExperimentVerdict.Helped, -0.9, -1.6, -0.0001), null);
        yield return (R(ExperimentVerdict.Worse, 1.2, 0.03, 2.4), null);
        yield return (R(ExperimentVerdict.NoMeaningfulChange, -0.02, -0.3, 0.26), null);
        yield return (R(ExperimentVerdict.NoMeaningfulChange, 0, 0, 0), null);
        yield return (R(ExperimentVerdict.NotYetClear, -0.94, -2.04, 0.16, 23), null);
        yield return (R(ExperimentVerdict.NotYetClear, 0.04, -0.9, 1.0, 1), null);
        yield return (R(ExperimentVerdict.NotYetClear, -2.11, -4.18, -0.04), downgraded);
        yield return (R(ExperimentVerdict.NotEnoughData, null, null, null, 3), null);
        yield return (R(ExperimentVerdict.NotEnoughData, null, null, null, 1), null);
    }

    [Fact]
    public void Reading_EveryTemplateOutcomeAndVerdict_IsGrammatical()
    {
        var outcomes = BuiltInCatalog.SeriesItems.Where(i => i.Group == ItemGroup.Skin).Append(SkinScore).Append(CustomYesNo).Append(CustomNumber).ToList();
        var interventions = ExperimentService.Templates.Select(t => BuiltInCatalog.SeriesItems.FirstOrDefault(i => i.Key == t.Intervention)?.Label ?? "Used the new moisturiser")
            .Append("Took zinc").Append("Zinc (mg)").ToList();
        var count = 0;
        foreach (var outcome in outcomes)
        {
            foreach (var (result, sensitivity) in Results())
            {
                var text = ExperimentService.Reading(result, sensitivity, outcome);
                var first = outcome.Label.Split(' ', '/', ',')[0];
                Assert.Contains("your " + (outcome.Key == JournalData.SkinScoreKey ? "overall skin score" : first.Length > 1 && char.IsUpper(first[1]) ? first : first.ToLowerInvariant()), text, StringComparison.Ordinal);
                Assert.EndsWith(".", text, StringComparison.Ordinal);
                Assert.DoesNotMatch(NegativeZero(), text);
                Assert.DoesNotContain("with took", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("(s)", text, StringComparison.Ordinal);
                Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
                Assert.DoesNotContain("..", text, StringComparison.Ordinal);
                Assert.DoesNotContain(" .", text, StringComparison.Ordinal);
                Assert.True(char.IsUpper(text[0]), text);
                Assert.All(interventions, label => Assert.DoesNotContain("with " + label.ToLowerInvariant(), text, StringComparison.Ordinal));
                count++;
            }
        }

        Assert.Equal(outcomes.Count * Results().Count(), count);
    }

    [Fact]
    public void Reading_Helped_StatesTheDropAndItsRangeAsPositiveNumbers()
    {
        var result = new ExperimentResult(41, 30.5, -2.11, 1, -4.18, -0.04, 0.047, 14, 27, 14, 0.9, ExperimentVerdict.Helped, null, 5, 3);

        var text = ExperimentService.Reading(result, null, SkinScore);

        Assert.StartsWith("Helped: your overall skin score averaged 2.11 points lower during the change than in the baseline (95% CI 0.04 to 4.18, 41 days).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_Downgraded_SaysItDependsOnWhichDaysCountAsBefore()
    {
        var result = new ExperimentResult(41, 30.5, -2.11, 1, -4.18, -0.04, 0.047, 14, 27, 14, 0.9, ExperimentVerdict.NotYetClear, null, 5, 3);
        var sensitivity = new ExperimentSensitivity([], ExperimentVerdict.NotYetClear, "Depends on which days count as before: with the 56-day baseline the change points the other way.", null);

        var text = ExperimentService.Reading(result, sensitivity, CustomNumber);

        Assert.StartsWith("Not yet clear: your PIH spots averaged 2.11 points lower during the change than in the baseline (95% CI -4.18 to -0.04, 41 days), but the answer depends on which days count as before: with the 56-day baseline", text, StringComparison.Ordinal);
    }

    // "-0.0", "-0.00", "-0" followed by no other digit: a negative zero.
    [GeneratedRegex(@"-0(\.0+)?(?![0-9.])")]
    private static partial Regex NegativeZero();
}
