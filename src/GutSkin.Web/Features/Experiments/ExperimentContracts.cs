using System.Text.Json.Serialization;
using GutSkin.Analysis;

namespace GutSkin.Web.Features.Experiments;

/// <summary>Body of <c>POST /api/experiments</c>; dates are YYYY-MM-DD, the end inclusive. An A–B design needs the
/// switch; its start may be left out when the baseline is days already in the journal: it is then the 56 days before
/// the switch (every logged day in them counts). An alternating design needs the start.</summary>
public sealed record ExperimentRequest(
    string? Name,
    string? Intervention,
    string? Outcome,
    string? End,
    string? Start = null,
    string? Switch = null,
    int? OnsetDays = null,
    string? Design = null,
    int? BlockDays = null,
    double? Target = null,
    bool? TargetIsMaximum = null,
    IReadOnlyList<string>? SecondaryOutcomes = null,
    string? Template = null);

/// <summary>Body of <c>PATCH /api/experiments/{id}</c>: what may change; after the start each change is recorded.</summary>
public sealed record ExperimentUpdate(string? Name = null, string? End = null, int? OnsetDays = null);

public sealed record ExperimentChangeResponse(string ChangedOn, string Description);

public sealed record ExperimentStatus(
    string Phase,
    int Day,
    int TotalDays,
    double? AdherenceSoFar,
    int OutcomeLoggedDays,
    int OutcomeMissingDays,
    string? ResultPossibleOn);

public sealed record ExperimentResponse(
    int Id,
    string Name,
    string Template,
    string Intervention,
    string Outcome,
    IReadOnlyList<string> SecondaryOutcomes,
    string Design,
    string Start,
    string Switch,
    string End,
    int OnsetDays,
    int BlockDays,
    double? Target,
    bool TargetIsMaximum,
    IReadOnlyList<ExperimentChangeResponse> Changes,
    ExperimentStatus Status);

// The core's result's fields first (this extends it; JsonPropertyOrder(1) puts the rest after them).
/// <summary>
/// The result in PRODUCT.md's shape, plus the plain reading and the secondary outcomes. <c>verdict</c> is the verdict
/// after the sensitivity rule; <c>primaryVerdict</c> the one of the planned comparison alone. <c>sensitivity</c> lists
/// the re-runs: <c>window</c> "14", "28", "56" (the logged days in that many days before the switch as the baseline),
/// "all" (every logged day up to 180 days before it), "trend" (segmented regression: level change at the switch over
/// a trend); alternating designs have only "trend". <c>sensitivityReason</c> says why the verdict was downgraded
/// (null when it was not); <c>flare</c> compares the last 7 days before the switch with the member's own average over
/// the 180 days before it, and <c>flareNote</c> says what a start during a flare means (null otherwise).
/// </summary>
public sealed record ExperimentResultResponse(
    [property: JsonIgnore] ExperimentResult Main,
    [property: JsonPropertyOrder(1)] string Reading,
    [property: JsonPropertyOrder(1)] IReadOnlyList<SecondaryResult> Secondary,
    [property: JsonPropertyOrder(1)] IReadOnlyList<ExperimentChangeResponse> Changes,
    [property: JsonPropertyOrder(1)] ExperimentVerdict PrimaryVerdict,
    [property: JsonPropertyOrder(1)] IReadOnlyList<SensitivityRow> Sensitivity,
    [property: JsonPropertyOrder(1)] string? SensitivityReason,
    [property: JsonPropertyOrder(1)] FlareCheck? Flare,
    [property: JsonPropertyOrder(1)] string? FlareNote) : ExperimentResult(Main);

public sealed record SecondaryResult(string Outcome, ExperimentResult Result);
