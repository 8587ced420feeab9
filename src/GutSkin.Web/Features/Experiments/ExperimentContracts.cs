using GutSkin.Analysis;

namespace GutSkin.Web.Features.Experiments;

/// <summary>Body of <c>POST /api/experiments</c>; dates are YYYY-MM-DD, the end inclusive.</summary>
public sealed record ExperimentRequest(
    string? Name,
    string? Intervention,
    string? Outcome,
    string? Start,
    string? Switch,
    string? End,
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

/// <summary>The result in PRODUCT.md's shape, plus the plain reading and the secondary outcomes.</summary>
public sealed record ExperimentResultResponse(
    int N,
    double EffectiveDays,
    double? Effect,
    double? StandardError,
    double? CiLow,
    double? CiHigh,
    double? PValue,
    int BaselineDays,
    int InterventionDays,
    int ExcludedDays,
    double? Adherence,
    ExperimentVerdict Verdict,
    int? MoreDaysNeeded,
    double? BaselineMean,
    double? InterventionMean,
    string Reading,
    IReadOnlyList<SecondaryResult> Secondary,
    IReadOnlyList<ExperimentChangeResponse> Changes);

public sealed record SecondaryResult(string Outcome, ExperimentResult Result);
