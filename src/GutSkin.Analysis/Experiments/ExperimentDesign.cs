namespace GutSkin.Analysis;

/// <summary>A stretch of an experiment from <paramref name="Start"/> until the next block starts (or the experiment ends).</summary>
/// <param name="Start">First day of the block.</param>
/// <param name="Intervention">True when the intervention is on during the block; false for baseline (off).</param>
public sealed record ExperimentBlock(DateOnly Start, bool Intervention);

/// <summary>
/// The schedule of an N-of-1 experiment: blocks of baseline and intervention days from the first block's start to
/// <see cref="End"/> inclusive, and the onset days left out after each switch.
/// </summary>
/// <remarks>
/// Onset days are left out at the start of every intervention run (the change takes hold) and at the start of every
/// baseline run that follows an intervention run (the change wears off: a wash-out). A baseline run at the very
/// start follows no intervention and loses nothing. For an A–B design this is exactly the specification's rule:
/// the first onset days of the intervention phase are left out. Consecutive blocks in the same state form one run.
/// </remarks>
public sealed class ExperimentDesign
{
    /// <summary>Builds a design from blocks.</summary>
    /// <param name="blocks">Blocks with strictly increasing start days; at least one baseline and one intervention block.</param>
    /// <param name="end">Last day of the experiment (inclusive), not before the last block's start.</param>
    /// <param name="onsetDays">Days left out after each switch, 0 or more.</param>
    /// <param name="target">The daily amount of the intervention asked for; null when taking it at all counts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> is null.</exception>
    /// <exception cref="ArgumentException">Blocks are empty, out of order, all in one state, or end before the last block.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="onsetDays"/> is negative.</exception>
    public ExperimentDesign(IReadOnlyList<ExperimentBlock> blocks, DateOnly end, int onsetDays, DailyTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfNegative(onsetDays);
        if (blocks.Count == 0)
        {
            throw new ArgumentException("An experiment needs at least one block.", nameof(blocks));
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(blocks[i], nameof(blocks));
            if (i > 0 && blocks[i].Start <= blocks[i - 1].Start)
            {
                throw new ArgumentException("Blocks must start on strictly increasing days.", nameof(blocks));
            }
        }

        if (end < blocks[^1].Start)
        {
            throw new ArgumentException("The experiment must not end before its last block starts.", nameof(end));
        }

        if (!blocks.Any(b => b.Intervention) || blocks.All(b => b.Intervention))
        {
            throw new ArgumentException("An experiment needs both baseline and intervention days.", nameof(blocks));
        }

        Blocks = [.. blocks];
        End = end;
        OnsetDays = onsetDays;
        Target = target;
    }

    /// <summary>The blocks, in date order.</summary>
    public IReadOnlyList<ExperimentBlock> Blocks { get; }

    /// <summary>First day of the experiment (the first block's start).</summary>
    public DateOnly Start => Blocks[0].Start;

    /// <summary>Last day of the experiment (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>Days left out after each switch.</summary>
    public int OnsetDays { get; }

    /// <summary>The daily amount of the intervention asked for; null when taking it at all (a value above 0) counts.</summary>
    public DailyTarget? Target { get; }

    /// <summary>A–B design: baseline [<paramref name="start"/>, <paramref name="switchDate"/>), intervention
    /// [<paramref name="switchDate"/>, <paramref name="end"/>], the first <paramref name="onsetDays"/> intervention days left out.</summary>
    /// <param name="start">First baseline day.</param>
    /// <param name="switchDate">First intervention day; after <paramref name="start"/>.</param>
    /// <param name="end">Last intervention day; not before <paramref name="switchDate"/>.</param>
    /// <param name="onsetDays">Intervention days left out at the switch (14 suits probiotics).</param>
    /// <param name="target">The daily amount asked for, if any.</param>
    /// <exception cref="ArgumentException">The days are out of order.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="onsetDays"/> is negative.</exception>
    public static ExperimentDesign AB(DateOnly start, DateOnly switchDate, DateOnly end, int onsetDays = 14, DailyTarget? target = null) =>
        new([new ExperimentBlock(start, false), new ExperimentBlock(switchDate, true)], end, onsetDays, target);

    /// <summary>Alternating design (e.g. A–B–A–B): several on and off blocks.</summary>
    /// <param name="blocks">Blocks in date order.</param>
    /// <param name="end">Last day (inclusive).</param>
    /// <param name="onsetDays">Days left out after each switch into or out of the intervention.</param>
    /// <param name="target">The daily amount asked for, if any.</param>
    /// <exception cref="ArgumentException">See the constructor.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="onsetDays"/> is negative.</exception>
    public static ExperimentDesign Alternating(IReadOnlyList<ExperimentBlock> blocks, DateOnly end, int onsetDays, DailyTarget? target = null) =>
        new(blocks, end, onsetDays, target);

    /// <summary>The phase of each day from <see cref="Start"/> to <see cref="End"/>: element <c>i</c> is
    /// <see cref="Start"/> + <c>i</c> days.</summary>
    public ExperimentPhase[] Phases()
    {
        var days = new ExperimentPhase[End.DayNumber - Start.DayNumber + 1];
        var runStart = Start.DayNumber;
        var excludeRun = Blocks[0].Intervention;
        for (var b = 0; b < Blocks.Count; b++)
        {
            var block = Blocks[b];
            if (b > 0 && block.Intervention != Blocks[b - 1].Intervention)
            {
                runStart = block.Start.DayNumber;
                excludeRun = true;
            }

            var last = b + 1 < Blocks.Count ? Blocks[b + 1].Start.DayNumber - 1 : End.DayNumber;
            for (var d = block.Start.DayNumber; d <= last; d++)
            {
                var leftOut = excludeRun && d - runStart < OnsetDays;
                days[d - Start.DayNumber] = (block.Intervention, leftOut) switch
                {
                    (true, true) => ExperimentPhase.Onset,
                    (true, false) => ExperimentPhase.Intervention,
                    (false, true) => ExperimentPhase.WashOut,
                    (false, false) => ExperimentPhase.Baseline,
                };
            }
        }

        return days;
    }

    /// <summary>
    /// Adherence: the share of the intervention days so far on which the intervention was logged as done. The
    /// intervention days are the days the intervention is on (<see cref="ExperimentPhases"/>' <c>IsOn</c>: the onset
    /// days count, since taking it while it takes hold is part of the plan) up to and including
    /// <paramref name="through"/>; done means a value that meets <see cref="Target"/>, or without a target any value
    /// above 0 (yes). A day without a logged value is not done. Status and result both report this number.
    /// </summary>
    /// <param name="intervention">The intervention item's logged values by day.</param>
    /// <param name="through">The last day to count: the member's today for a running experiment, at most <see cref="End"/>.</param>
    /// <returns>The share from 0 to 1; null when no intervention day has come yet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="intervention"/> is null.</exception>
    public double? Adherence(IReadOnlyDictionary<DateOnly, double> intervention, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        var phases = Phases();
        int days = 0, done = 0;
        for (var i = 0; i < phases.Length && Start.AddDays(i) <= through; i++)
        {
            if (phases[i].IsOn)
            {
                days++;
                done += intervention.TryGetValue(Start.AddDays(i), out var value) && (Target?.IsMetBy(value) ?? value > 0) ? 1 : 0;
            }
        }

        return days == 0 ? null : done / (double)days;
    }
}
