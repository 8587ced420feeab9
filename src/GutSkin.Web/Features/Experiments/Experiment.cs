using GutSkin.Web.Features.Account;

namespace GutSkin.Web.Features.Experiments;

public enum ExperimentDesignKind
{
    /// <summary>A baseline phase, then the intervention phase.</summary>
    AB,

    /// <summary>Blocks off and on in turn, for quick-acting changes.</summary>
    Alternating,
}

/// <summary>A member's N-of-1 experiment: "did starting (or cutting) this help my skin?"</summary>
public sealed class Experiment
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Which template it started from (probiotic, fermented, sugar, custom); informational.</summary>
    public required string Template { get; set; }

    public required string InterventionKey { get; set; }

    /// <summary>The daily target for the intervention item, e.g. 1 for "took it"; null when none.</summary>
    public double? DailyTarget { get; set; }

    /// <summary>True when the target is a ceiling (cut sugar: at most 1 serving), false for a floor.</summary>
    public bool TargetIsMaximum { get; set; }

    public required string OutcomeKey { get; set; }

    /// <summary>Further outcome keys, comma-separated; analysed the same way, reported beside the primary.</summary>
    public string SecondaryOutcomes { get; set; } = "";

    public required ExperimentDesignKind Design { get; set; }

    public required DateOnly Start { get; set; }

    /// <summary>First day of the intervention phase (A–B design).</summary>
    public required DateOnly Switch { get; set; }

    /// <summary>Last day, inclusive.</summary>
    public required DateOnly End { get; set; }

    public required int OnsetDays { get; set; }

    /// <summary>Block length for the alternating design.</summary>
    public int BlockDays { get; set; }

    public required DateTime CreatedAt { get; set; }

    public List<ExperimentChange> Changes { get; set; } = [];
}

/// <summary>A change made after the experiment started: the plan was frozen then, so every change is kept with its date.</summary>
public sealed class ExperimentChange
{
    public int Id { get; set; }

    public int ExperimentId { get; set; }

    public Experiment? Experiment { get; set; }

    public required DateOnly ChangedOn { get; set; }

    public required string Description { get; set; }
}
