using System.Text.Json;
using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>What a day of an experiment is, from its <see cref="ExperimentDesign"/>.</summary>
/// <remarks>Serialises as <c>baseline</c>, <c>washOut</c>, <c>onset</c>, <c>intervention</c>.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ExperimentPhase>))]
public enum ExperimentPhase
{
    /// <summary>The intervention is off, and the day is compared.</summary>
    [JsonStringEnumMemberName("baseline")]
    Baseline,

    /// <summary>The intervention is off, but it may still act: one of the first onset days after switching it off
    /// (alternating designs), left out.</summary>
    [JsonStringEnumMemberName("washOut")]
    WashOut,

    /// <summary>The intervention is on, but still taking hold: one of the first onset days after switching it on, left out.</summary>
    [JsonStringEnumMemberName("onset")]
    Onset,

    /// <summary>The intervention is on, and the day is compared.</summary>
    [JsonStringEnumMemberName("intervention")]
    Intervention,
}

/// <summary>What each <see cref="ExperimentPhase"/> means for the analysis.</summary>
public static class ExperimentPhases
{
    extension(ExperimentPhase phase)
    {
        /// <summary>True on the days the intervention is on: <see cref="ExperimentPhase.Onset"/> and <see cref="ExperimentPhase.Intervention"/>.</summary>
        public bool IsOn => phase is ExperimentPhase.Onset or ExperimentPhase.Intervention;

        /// <summary>True on the days the comparison leaves out: <see cref="ExperimentPhase.Onset"/> and <see cref="ExperimentPhase.WashOut"/>.</summary>
        public bool IsLeftOut => phase is ExperimentPhase.Onset or ExperimentPhase.WashOut;

        /// <summary>The phase's JSON name (<c>washOut</c>).</summary>
        public string Name => JsonNamingPolicy.CamelCase.ConvertName(phase.ToString());
    }
}

/// <summary>The daily amount of the intervention an experiment asks for: at least <paramref name="Amount"/>, or at
/// most it when <paramref name="IsMaximum"/> (cutting sugar to one serving a day).</summary>
/// <param name="Amount">The amount, in the intervention item's unit.</param>
/// <param name="IsMaximum">True for "at most".</param>
public sealed record DailyTarget(double Amount, bool IsMaximum)
{
    /// <summary>True when a day's logged <paramref name="value"/> meets the target.</summary>
    /// <param name="value">The intervention item's value that day.</param>
    public bool IsMetBy(double value) => IsMaximum ? value <= Amount : value >= Amount;
}
