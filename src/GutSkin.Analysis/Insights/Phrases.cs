using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>Plain-English pieces of finding and not-tested sentences.</summary>
internal static class Phrases
{
    public const string NotProofOfCause = "An association in your own records is not proof that one causes the other.";

    private static readonly string[] LagWords =
        ["", "The day", "Two days", "Three days", "Four days", "Five days", "Six days", "Seven days", "Eight days",
            "Nine days", "Ten days", "Eleven days", "Twelve days", "Thirteen days", "Fourteen days"];

    // "more …" for numeric factors: what rose when the outcome changed.
    private static readonly Dictionary<string, string> MorePhrases = new(StringComparer.Ordinal)
    {
        ["fermented_foods"] = "more fermented foods",
        ["prebiotic_foods"] = "more prebiotic-rich foods",
        ["sugary_foods"] = "more sugary foods and drinks",
        ["processed_foods"] = "more processed foods",
        ["water"] = "more water",
        ["stress"] = "more stress",
        ["sleep"] = "more sleep",
        ["bloating"] = "more bloating",
        ["constipation"] = "more constipation",
        ["irregular_digestion"] = "more irregular digestion",
        ["stool_form"] = "a higher stool form (Bristol) score",
        [JournalData.GutScoreKey] = "a higher gut score",
    };

    // Clause for a yes/no factor's yes-days, and its noun for not-tested reasons.
    private static readonly Dictionary<string, (string Clause, string Noun)> YesNoPhrases = new(StringComparer.Ordinal)
    {
        ["probiotic_supplement"] = ("you took a probiotic supplement", "a probiotic supplement"),
        ["antibiotics"] = ("you took antibiotics", "antibiotics"),
        ["illness"] = ("you felt ill", "feeling ill"),
    };

    private static readonly Dictionary<string, (string Noun, bool Plural)> OutcomePhrases = new(StringComparer.Ordinal)
    {
        ["redness"] = ("redness", false),
        ["breakouts"] = ("breakouts", true),
        ["dryness"] = ("dry or inflamed patches", true),
        ["eczema"] = ("eczema", false),
        ["psoriasis"] = ("psoriasis", false),
        ["itch"] = ("itch", false),
        ["bloating"] = ("bloating", false),
        ["constipation"] = ("constipation", false),
        ["irregular_digestion"] = ("irregular digestion", false),
        ["stool_form"] = ("stool form score", false),
        [JournalData.SkinScoreKey] = ("overall skin score", false),
        [JournalData.GutScoreKey] = ("overall gut score", false),
    };

    public static string FindingText(SeriesItem factor, SeriesItem outcome, int lag, int n, double effect, double ciLow, double ciHigh)
    {
        var higher = effect >= 0;
        var (low, high) = higher ? (ciLow, ciHigh) : (-ciHigh, -ciLow);
        var decimals = Numbers.Decimals(effect);
        var (noun, plural) = OutcomePhrases.TryGetValue(outcome.Key, out var phrase) ? phrase : (Lower(outcome.Label), false);
        var change = string.Create(
            CultureInfo.InvariantCulture,
            $"your {noun} {(plural ? "were" : "was")} {Format(Math.Abs(effect), decimals)} {UnitWords.Outcome(outcome.Unit)} {(higher ? "higher" : "lower")}");
        var interval = string.Create(
            CultureInfo.InvariantCulture,
            $"(95% CI {Format(low, decimals)} to {Format(high, decimals)}, {n} days)");

        string sentence;
        if (factor.IsYesNo)
        {
            var clause = YesNoClause(factor);
            sentence = lag == 0
                ? $"On days when {clause}, {change} than on other days {interval}."
                : $"{LagWords[lag]} after {clause}, {change} than otherwise {interval}.";
        }
        else
        {
            var more = MorePhrases.TryGetValue(factor.Key, out var m) ? m : "more " + Lower(factor.Label);
            var per = "per " + UnitWords.Factor(factor.Unit);
            sentence = lag == 0
                ? $"On days with {more}, {change} {per} {interval}."
                : $"{LagWords[lag]} after {more}, {change} {per} {interval}.";
        }

        return sentence + " " + NotProofOfCause;
    }

    /// <summary>
    /// The finding in plain words: the factor and when ("the day before"), the outcome, the effect with "about" and its
    /// 95% interval as "likely between", and how sure by the <see cref="Strengths"/> rule. No p, q or CI: those are
    /// the details.
    /// </summary>
    public static string PlainText(SeriesItem factor, SeriesItem outcome, int lag, double effect, double ciLow, double ciHigh, double q)
    {
        var higher = effect >= 0;
        var decimals = Numbers.Decimals(effect, ciLow, ciHigh);
        var (noun, plural, unit) = OutcomeWords(outcome);
        var direction = higher ? "higher" : "lower";
        var (near, far) = higher ? (ciLow, ciHigh) : (-ciHigh, -ciLow);
        var range = near > 0
            ? $"likely between {Format(near, decimals)} and {Format(far, decimals)} {direction}"
            : $"likely anywhere from {Format(Math.Abs(near), decimals)} {(higher ? "lower" : "higher")} to {Format(far, decimals)} {direction}";
        var change = $"your {noun} {(plural ? "were" : "was")} about {Format(Math.Abs(effect), decimals)} {unit} {direction}";
        var when = When(lag);
        string lead, than;
        if (factor.IsYesNo)
        {
            var clause = YesNoClause(factor);
            (lead, than) = lag == 0 ? ($"On days {clause}", " than on days you did not") : ($"When {clause} {when}", " than when you did not");
        }
        else
        {
            lead = $"For each extra {UnitWords.Factor(factor.Unit)} of {FactorNoun(factor)} {when}";
            than = "";
        }

        return $"{lead}, {change}{than} ({range}): a {Strengths.Of(q).Word()} pattern.";
    }

    /// <summary>"on the same day", "the day before", "two days before"…</summary>
    public static string When(int lag) => lag switch
    {
        0 => "on the same day",
        1 => "the day before",
        _ => LagWords[lag].ToLowerInvariant() + " before",
    };

    /// <summary>How an outcome is named in a sentence ("breakouts", plural) and the word for its unit ("points").</summary>
    public static (string Noun, bool Plural, string Unit) OutcomeWords(SeriesItem outcome)
    {
        var (noun, plural) = OutcomePhrases.TryGetValue(outcome.Key, out var phrase) ? phrase : (Lower(outcome.Label), false);
        return (noun, plural, UnitWords.Outcome(outcome.Unit));
    }

    public static string YesNoNoun(SeriesItem factor) =>
        YesNoPhrases.TryGetValue(factor.Key, out var p) ? p.Noun : Lower(factor.Label);

    public static string Lower(string label) =>
        label.Length == 0 || (label.Length > 1 && char.IsUpper(label[1]))
            ? label
            : char.ToLowerInvariant(label[0]) + label[1..];

    public static string Format(double value, int decimals) => Numbers.Fixed(value, decimals);

    // "sugary foods and drinks", "overall gut score": what one more unit is of.
    private static string FactorNoun(SeriesItem factor) =>
        MorePhrases.TryGetValue(factor.Key, out var more) && more.StartsWith("more ", StringComparison.Ordinal)
            ? more["more ".Length..]
            : OutcomePhrases.TryGetValue(factor.Key, out var outcome) ? outcome.Noun : Lower(factor.Label);

    private static string YesNoClause(SeriesItem factor) =>
        YesNoPhrases.TryGetValue(factor.Key, out var p) ? p.Clause : "you logged " + Lower(factor.Label);
}
