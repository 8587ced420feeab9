namespace GutSkin.Analysis;

/// <summary>Analyses an N-of-1 experiment: did the intervention change the outcome?</summary>
public static class ExperimentAnalyzer
{
    /// <summary>Fewest analysable days per phase.</summary>
    public const int MinimumDaysPerPhase = 7;

    /// <summary>Half-width of the band of changes too small to matter, in outcome points.</summary>
    public const double MeaningfulChange = 0.5;

    /// <summary>Analyses an experiment from a journal.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="outcomeKey">Outcome item (or derived score) key.</param>
    /// <param name="interventionKey">Intervention item key, for adherence; null to skip adherence.</param>
    /// <param name="design">The schedule.</param>
    /// <param name="lowerIsBetter">True (the default) for symptoms, where a negative effect means "helped".</param>
    /// <param name="asOf">The member's today: adherence counts the days up to it (<see cref="ExperimentDesign.Adherence"/>);
    /// null counts every day of the design.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/>, <paramref name="outcomeKey"/> or <paramref name="design"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">A key is not in the journal.</exception>
    public static ExperimentResult Analyze(JournalData journal, string outcomeKey, string? interventionKey, ExperimentDesign design, bool lowerIsBetter = true, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(outcomeKey);
        return Analyze(
            journal.ToDictionary(outcomeKey),
            interventionKey is null ? null : journal.ToDictionary(interventionKey),
            design,
            lowerIsBetter,
            asOf);
    }

    /// <summary>
    /// Compares analysable intervention days with analysable baseline days: the effect is the least-squares slope of
    /// the outcome on the 0/1 intervention indicator over those days in date order, with the effective-days standard
    /// error, p and 95% CI of <see cref="Association.Compute"/>.
    /// </summary>
    /// <remarks>
    /// <para>Verdict, first rule that holds: fewer than 7 analysable days in a phase → not enough data (nothing
    /// computed); CI within [−0.5, 0.5] → no meaningful change; CI wholly on the better side of 0 → helped; wholly
    /// on the worse side → worse; otherwise not yet clear.</para>
    /// <para>An outcome with one value on every analysable day has no spread: the effect is then exactly 0 with
    /// standard error 0, CI [0, 0] and p 1, hence no meaningful change.</para>
    /// <para>Values outside [start, end] are ignored.</para>
    /// </remarks>
    /// <param name="outcome">Outcome values by day (finite).</param>
    /// <param name="intervention">Intervention item values by day, for adherence (<see cref="ExperimentDesign.Adherence"/>); null to skip adherence.</param>
    /// <param name="design">The schedule.</param>
    /// <param name="lowerIsBetter">True (the default) for symptoms, where a negative effect means "helped".</param>
    /// <param name="asOf">The member's today: adherence counts the days up to it; null counts every day of the design.</param>
    /// <returns>The result; numeric fields are null only for <see cref="ExperimentVerdict.NotEnoughData"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcome"/> or <paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An outcome value in the experiment is not finite, or the values
    /// are so large (near 1e308) that the effect or its interval would pass the largest double. Values too small for
    /// full precision (below about 1e-300) give the nearest doubles, and their verdict stands.</exception>
    public static ExperimentResult Analyze(
        IReadOnlyDictionary<DateOnly, double> outcome,
        IReadOnlyDictionary<DateOnly, double>? intervention,
        ExperimentDesign design,
        bool lowerIsBetter = true,
        DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(design);

        var days = design.Phases();
        var x = new double[days.Length];
        var y = new double[days.Length];
        int n = 0, baseline = 0, excluded = 0;
        for (var i = 0; i < days.Length; i++)
        {
            var date = design.Start.AddDays(i);
            var on = days[i].IsOn;
            if (days[i].IsLeftOut)
            {
                excluded++;
                continue;
            }

            if (!outcome.TryGetValue(date, out var value))
            {
                continue;
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(outcome), value, $"Outcome on {date:yyyy-MM-dd} is not finite.");
            }

            x[n] = on ? 1 : 0;
            y[n] = value;
            n++;
            baseline += on ? 0 : 1;
        }

        var interventionDays = n - baseline;
        var adherence = intervention is null ? null : design.Adherence(intervention, asOf ?? design.End);
        var (baselineMean, interventionMean) = PhaseMeans(x, y, n);

        if (baseline < MinimumDaysPerPhase || interventionDays < MinimumDaysPerPhase)
        {
            var missing = Math.Max(0, MinimumDaysPerPhase - baseline) + Math.Max(0, MinimumDaysPerPhase - interventionDays);
            return new ExperimentResult(
                n, 0, null, null, null, null, null, baseline, interventionDays, excluded, adherence,
                ExperimentVerdict.NotEnoughData, missing, baselineMean, interventionMean);
        }

        var ys = y.AsSpan(0, n);
        if (Association.IsConstant(ys))
        {
            return new ExperimentResult(
                n, n, 0, 0, 0, 0, 1, baseline, interventionDays, excluded, adherence,
                ExperimentVerdict.NoMeaningfulChange, null, baselineMean, interventionMean);
        }

        var (s, magnitude) = Association.ComputeUnchecked(x.AsSpan(0, n), ys);
        if (magnitude == Magnitude.TooLarge)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), Association.OutOfRangeReason(magnitude));
        }

        var verdict = VerdictOf(s.CiLow, s.CiHigh, lowerIsBetter);
        int? more = verdict == ExperimentVerdict.NotYetClear
            ? Math.Max(1, MoreDays.ToSettle(s.Effect, s.StandardError, n, s.EffectiveDays, MeaningfulChange))
            : null;
        return new ExperimentResult(
            n, s.EffectiveDays, s.Effect, s.StandardError, s.CiLow, s.CiHigh, s.PValue, baseline, interventionDays, excluded,
            adherence, verdict, more, baselineMean, interventionMean);
    }

    /// <summary>The verdict rule on a 95% CI, first rule that holds: within [−0.5, 0.5] → no meaningful change;
    /// wholly on the better side of 0 → helped; wholly on the worse side → worse; otherwise not yet clear.</summary>
    /// <param name="ciLow">Lower end of the interval.</param>
    /// <param name="ciHigh">Upper end of the interval.</param>
    /// <param name="lowerIsBetter">True for symptoms, where a negative effect means "helped".</param>
    public static ExperimentVerdict VerdictOf(double ciLow, double ciHigh, bool lowerIsBetter)
    {
        var better = lowerIsBetter ? ciHigh < 0 : ciLow > 0;
        var worse = lowerIsBetter ? ciLow > 0 : ciHigh < 0;
        return ciLow >= -MeaningfulChange && ciHigh <= MeaningfulChange ? ExperimentVerdict.NoMeaningfulChange
            : better ? ExperimentVerdict.Helped
            : worse ? ExperimentVerdict.Worse
            : ExperimentVerdict.NotYetClear;
    }

    // Means that stay finite for any finite values (a plain sum of values near 1e308 would overflow).
    private static (double? Baseline, double? Intervention) PhaseMeans(double[] x, double[] y, int n)
    {
        double[] off = [.. Enumerable.Range(0, n).Where(row => x[row] == 0).Select(row => y[row])];
        double[] on = [.. Enumerable.Range(0, n).Where(row => x[row] != 0).Select(row => y[row])];
        return (off.Length > 0 ? Association.Mean(off) : null, on.Length > 0 ? Association.Mean(on) : null);
    }
}
