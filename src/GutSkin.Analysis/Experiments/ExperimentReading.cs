using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>The plain reading of an experiment's result: one or two sentences for any outcome label, no "−0.0".</summary>
public static class ExperimentReading
{
    /// <summary>What an N-of-1 comparison cannot rule out; ends every reading that has numbers.</summary>
    public const string Limits = "An N-of-1 comparison cannot rule out placebo, the season, or anything else that changed at the same time.";

    /// <summary>The reading of a result for a symptom where lower is better. "your {outcome} averaged … lower during the
    /// change than in the baseline" reads right for any label, singular or plural, and names no intervention (whose
    /// label may be any phrase: "Took a probiotic supplement").</summary>
    /// <param name="result">The result, its verdict already the one after the sensitivity rule.</param>
    /// <param name="sensitivity">The sensitivity check, or null; its reason is told when it downgraded the verdict.</param>
    /// <param name="outcome">The outcome item.</param>
    /// <returns>Sentences that name the outcome and end with a full stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="outcome"/> is null.</exception>
    public static string Sentence(ExperimentResult result, ExperimentSensitivity? sensitivity, SeriesItem outcome)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outcome);
        var (noun, _, unit) = Phrases.OutcomeWords(outcome);
        if (result.Verdict == ExperimentVerdict.NotEnoughData || result.Effect is not { } effect)
        {
            var missing = result.MoreDaysNeeded is { } m and > 0 ? $"; {More(m)} {(m == 1 ? "is" : "are")} needed." : ".";
            return $"Not enough data yet: each phase needs at least {ExperimentAnalyzer.MinimumDaysPerPhase} days with your {noun} logged{missing}";
        }

        var (low, high) = (result.CiLow ?? effect, result.CiHigh ?? effect);
        var decimals = Numbers.Decimals(effect, low, high);
        var lower = effect < 0;
        var change = $"your {noun} averaged {Numbers.Fixed(Math.Abs(effect), decimals)} {unit} {(lower ? "lower" : "higher")} during the change than in the baseline";
        var (from, to) = lower ? (-high, -low) : (low, high);
        var magnitude = $"(95% CI {Numbers.Fixed(from, decimals)} to {Numbers.Fixed(to, decimals)}, {Days(result.N)})";
        var signed = $"(95% CI {Numbers.Fixed(low, decimals)} to {Numbers.Fixed(high, decimals)}, {Days(result.N)})";
        var text = result.Verdict switch
        {
            ExperimentVerdict.Helped or ExperimentVerdict.Worse => $"{Title(result.Verdict)}: {change} {magnitude}.",
            ExperimentVerdict.NoMeaningfulChange => $"No meaningful change: any difference in your {noun} during the change was smaller than half a point either way {signed}.",
            _ when sensitivity?.Reason is { } reason => $"Not yet clear: {change} {signed}, but the answer {char.ToLowerInvariant(reason[0])}{reason[1..]}",
            _ => $"Not yet clear: {change} {signed}, a range that still includes both no change and a change that matters."
                + (result.MoreDaysNeeded is { } more ? $" About {More(more)} of logging would likely settle it." : ""),
        };
        return text + " " + Limits;
    }

    /// <summary>What a flare at the start means for the verdict; null when the experiment did not begin during one.</summary>
    /// <param name="flare">The flare check, or null.</param>
    /// <param name="outcome">The outcome item.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outcome"/> is null.</exception>
    public static string? FlareNote(FlareCheck? flare, SeriesItem outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (flare is not { DuringFlare: true } f)
        {
            return null;
        }

        var (noun, _, _) = Phrases.OutcomeWords(outcome);
        var decimals = Numbers.Decimals(f.RecentMean, f.OwnMean, f.OwnSd);
        return $"The experiment began during a flare: in the last {ExperimentSensitivity.RecentDays} days before the change your {noun} averaged "
            + $"{Numbers.Fixed(f.RecentMean, decimals)}, more than one standard deviation ({Numbers.Fixed(f.OwnSd, decimals)}) worse than your own average of "
            + $"{Numbers.Fixed(f.OwnMean, decimals)} over the {ExperimentSensitivity.AllDays} days before it. Flares tend to ease on their own "
            + "(regression to the mean), so some improvement would be expected even without the change: a \"helped\" is weaker evidence than it looks.";
    }

    private static string Title(ExperimentVerdict verdict) => verdict == ExperimentVerdict.Helped ? "Helped" : "Worse";

    private static string More(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " more day" : " more days");

    private static string Days(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " day" : " days");
}
