using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>How sure a finding is, in words, from its q-value (the false discovery rate at which it would count).</summary>
/// <remarks>Serialises as <c>"clear"</c>, <c>"fairlyClear"</c>, <c>"tentative"</c> or <c>"notClear"</c>.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<Strength>))]
public enum Strength
{
    /// <summary>q ≤ 0.01: about 1 in 100 findings this strong would be a fluke.</summary>
    [JsonStringEnumMemberName("clear")]
    Clear,

    /// <summary>q ≤ 0.05: about 1 in 20.</summary>
    [JsonStringEnumMemberName("fairlyClear")]
    FairlyClear,

    /// <summary>q ≤ 0.10 (the finding threshold): about 1 in 10.</summary>
    [JsonStringEnumMemberName("tentative")]
    Tentative,

    /// <summary>Above 0.10: not a finding.</summary>
    [JsonStringEnumMemberName("notClear")]
    NotClear,
}

/// <summary>The stated rule from q to a strength word, used by the pages, the report and the API.</summary>
public static class Strengths
{
    /// <summary>The strength of a test with this q-value.</summary>
    public static Strength Of(double q) => q switch
    {
        <= 0.01 => Strength.Clear,
        <= 0.05 => Strength.FairlyClear,
        <= InsightsAnalyzer.FindingQThreshold => Strength.Tentative,
        _ => Strength.NotClear,
    };

    /// <summary>"clear", "fairly clear", "tentative" or "not clear".</summary>
    public static string Word(this Strength strength) => strength switch
    {
        Strength.Clear => "clear",
        Strength.FairlyClear => "fairly clear",
        Strength.Tentative => "tentative",
        _ => "not clear",
    };
}
