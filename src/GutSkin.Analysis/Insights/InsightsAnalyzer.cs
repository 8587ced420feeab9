using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>Scans a journal for associations between habits, gut symptoms and skin symptoms at lags of 0 to a few days.</summary>
public static class InsightsAnalyzer
{
    /// <summary>Default largest lag, in days.</summary>
    public const int DefaultMaxLag = 3;

    /// <summary>Largest lag a member may ask for, in days.</summary>
    public const int MaxLagLimit = 14;

    /// <summary>Fewest paired days a test needs.</summary>
    public const int MinimumPairedDays = 14;

    /// <summary>Fewest yes-days and no-days a yes/no factor needs among the paired days.</summary>
    public const int MinimumDaysPerSide = 10;

    /// <summary>Largest q-value reported as a finding.</summary>
    public const double FindingQThreshold = 0.10;

    /// <summary>
    /// Tests every planned pair at lags 0..<paramref name="maxLag"/> and reports associations, untested pairs
    /// and findings.
    /// </summary>
    /// <remarks>
    /// <para>Plan, in this order: every habit and treatment (in item order) against every skin item, <c>skin_score</c>, every gut
    /// item and <c>gut_score</c>; then every gut item and <c>gut_score</c> against every skin item and
    /// <c>skin_score</c>. Items (and derived scores) with no value in the window take no part: a member who
    /// never logs an item has nothing to test, and listing it would bury the useful reasons.</para>
    /// <para>Not tested, first rule that holds: fewer than 14 paired days; for a yes/no factor fewer than 10
    /// yes-days or no-days (the shorter side is reported; yes on a tie); the factor constant; the outcome constant;
    /// the effect, standard error or interval beyond what a double holds (values of wildly different size).</para>
    /// <para>q-values are Benjamini–Hochberg over every test that ran. Findings are tests with q ≤ 0.10,
    /// ascending q, then p, then plan order.</para>
    /// </remarks>
    /// <param name="journal">The journal.</param>
    /// <param name="maxLag">Largest lag in days, 0 to 14.</param>
    /// <param name="from">First day to use (inclusive); null for the journal's first day. Both days of a lagged
    /// pair must lie in the window.</param>
    /// <param name="to">Last day to use (inclusive); null for the journal's last day.</param>
    /// <param name="threads">How many threads may share the tests (1, the default, runs them on the caller's;
    /// a one-shot process gains from more, a busy server from one per request). The report is the same either way.</param>
    /// <returns>The report; empty lists for an empty journal or window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="journal"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLag"/> is outside 0..14, or
    /// <paramref name="threads"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static InsightsReport Analyze(JournalData journal, int maxLag = DefaultMaxLag, DateOnly? from = null, DateOnly? to = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLag, MaxLagLimit);
        if (from is { } f && to is { } t && f > t)
        {
            throw new ArgumentException("'from' must not be after 'to'.", nameof(from));
        }

        var empty = new InsightsReport(maxLag, [], [], []);
        if (journal.DayCount == 0)
        {
            return empty;
        }

        var lo = from is { } fromDate ? journal.IndexOnOrAfter(fromDate) : 0;
        var hi = to is { } toDate ? journal.IndexOnOrBefore(toDate) : journal.DayCount - 1;
        if (lo > hi)
        {
            return empty;
        }

        var plan = Plan(journal, lo, hi);
        var length = hi - lo + 1;
        var lags = maxLag + 1;
        var all = journal.AllSeries;
        // One slot per (pair, lag) in plan order: each test is independent, so threads may fill them in any order.
        var statistics = new AssociationStatistics?[plan.Count * lags];
        var skipped = new NotTestedPair?[plan.Count * lags];
        void TestPair(int p, double[] x, double[] y)
        {
            var (fi, oi) = plan[p];
            var factor = journal.SeriesArray(fi).AsSpan(lo, length);
            var outcome = journal.SeriesArray(oi).AsSpan(lo, length);
            for (var lag = 0; lag <= maxLag; lag++)
            {
                var n = Association.PairRows(factor, outcome, lag, x, y);
                var xs = x.AsSpan(0, n);
                var ys = y.AsSpan(0, n);
                var slot = (p * lags) + lag;
                skipped[slot] = WhyNotTested(all[fi], all[oi], lag, xs, ys);
                if (skipped[slot] is null)
                {
                    var (s, magnitude) = Association.ComputeUnchecked(xs, ys);
                    statistics[slot] = s;
                    skipped[slot] = magnitude == Magnitude.InRange
                        ? null
                        : new NotTestedPair(all[fi].Key, all[oi].Key, lag, n, Association.OutOfRangeReason(magnitude), NotTestedKind.OutOfRange, null);
                }
            }
        }

        if (threads == 1)
        {
            var (x, y) = (new double[length], new double[length]);
            for (var p = 0; p < plan.Count; p++)
            {
                TestPair(p, x, y);
            }
        }
        else
        {
            Parallel.For(
                0,
                plan.Count,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => (new double[length], new double[length]),
                (p, _, buffers) =>
                {
                    TestPair(p, buffers.Item1, buffers.Item2);
                    return buffers;
                },
                _ => { });
        }

        var tested = new List<(int Factor, int Outcome, int Lag, AssociationStatistics Stats)>(statistics.Length);
        var notTested = new List<NotTestedPair>();
        for (var slot = 0; slot < statistics.Length; slot++)
        {
            if (skipped[slot] is { } skip)
            {
                notTested.Add(skip);
            }
            else
            {
                var (fi, oi) = plan[slot / lags];
                tested.Add((fi, oi, slot % lags, statistics[slot]!));
            }
        }

        var pValues = tested.Select(t => t.Stats.PValue).ToArray();

        var qValues = FalseDiscovery.BenjaminiHochberg(pValues);
        var associations = new AssociationResult[tested.Count];
        var findingIndexes = new List<int>();
        for (var i = 0; i < tested.Count; i++)
        {
            var (fi, oi, lag, s) = tested[i];
            associations[i] = new AssociationResult(
                all[fi].Key, all[oi].Key, lag, s.N, s.EffectiveDays, s.Effect, s.StandardError, s.CiLow, s.CiHigh, s.PValue, qValues[i]);
            if (qValues[i] <= FindingQThreshold)
            {
                findingIndexes.Add(i);
            }
        }

        // List.Sort is unstable, so plan order is the last key.
        findingIndexes.Sort((a, b) => (qValues[a], pValues[a], a).CompareTo((qValues[b], pValues[b], b)));

        var findings = new Finding[findingIndexes.Count];
        for (var k = 0; k < findings.Length; k++)
        {
            var i = findingIndexes[k];
            var (fi, oi, lag, s) = tested[i];
            var text = Phrases.FindingText(all[fi], all[oi], lag, s.N, s.Effect, s.CiLow, s.CiHigh);
            findings[k] = new Finding(
                all[fi].Key, all[oi].Key, lag, text, s.Effect, s.CiLow, s.CiHigh, s.N, s.PValue, qValues[i], IsGutSkinLink(all[fi], all[oi]))
            {
                Plain = Phrases.PlainText(all[fi], all[oi], lag, s.Effect, s.CiLow, s.CiHigh, qValues[i]),
            };
        }

        return new InsightsReport(maxLag, associations, notTested, findings);
    }

    /// <summary>True when a pair is the member's own gut–skin link: a gut item (built-in or custom) or
    /// <c>gut_score</c> as the factor, a skin item or <c>skin_score</c> as the outcome.</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="outcome">The outcome.</param>
    public static bool IsGutSkinLink(SeriesItem factor, SeriesItem outcome)
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentNullException.ThrowIfNull(outcome);
        return factor.Group == ItemGroup.Gut && outcome.Group == ItemGroup.Skin;
    }

    /// <summary>
    /// How many more days of logging would likely help when a report has no findings (see <see cref="MoreDays"/>
    /// for the reasoning).
    /// </summary>
    /// <remarks>
    /// For each association that ran: the more days after which it would likely reach the finding threshold, taken
    /// as p ≤ 0.10/m (m = tests in the report: the Benjamini–Hochberg bar for a single discovery) at today's
    /// estimate; the smallest over all associations is the answer. When nothing could be tested, the smallest
    /// <see cref="NotTestedPair.MissingDays"/> instead: the days that would let the first test run.
    /// </remarks>
    /// <param name="report">A report from <see cref="Analyze"/>.</param>
    /// <returns>More days (0 to <see cref="MoreDays.Cap"/>), or null when nothing is tracked at all.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static int? EstimateMoreDays(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Associations.Count > 0)
        {
            var alpha = FindingQThreshold / report.Associations.Count;
            return Math.Min(MoreDays.Cap, report.Associations.Min(a => MoreDays.ToExcludeZero(a.Effect, a.StandardError, a.N, a.EffectiveDays, alpha)));
        }

        return report.NotTested.Min(p => p.MissingDays);
    }

    private static List<(int Factor, int Outcome)> Plan(JournalData journal, int lo, int hi)
    {
        var all = journal.AllSeries;
        var habits = new List<int>();
        var skin = new List<int>();
        var gut = new List<int>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!HasValue(journal.SeriesArray(i), lo, hi))
            {
                continue;
            }

            var list = all[i].Group switch
            {
                ItemGroup.Habit or ItemGroup.Treatment => habits,
                ItemGroup.Skin => skin,
                ItemGroup.Gut => gut,
                _ => throw new InvalidOperationException($"Unknown group {all[i].Group}."),
            };
            list.Add(i);
        }

        // AllSeries lists the derived scores last, so skin_score follows the skin items and gut_score the gut items.
        return [.. habits.SelectMany(h => skin.Concat(gut).Select(o => (h, o))), .. gut.SelectMany(g => skin.Select(o => (g, o)))];
    }

    private static bool HasValue(double[] series, int lo, int hi) => series.Skip(lo).Take(hi - lo + 1).Any(v => !double.IsNaN(v));

    private static NotTestedPair? WhyNotTested(SeriesItem factor, SeriesItem outcome, int lag, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (n < MinimumPairedDays)
        {
            var missing = MinimumPairedDays - n;
            var reason = $"Only {Plural(n, "paired day")}; log {Plural(missing, "more day")} of both.";
            return new NotTestedPair(factor.Key, outcome.Key, lag, n, reason, NotTestedKind.TooFewDays, missing);
        }

        if (factor.IsYesNo)
        {
            var no = x.Count(0d);
            var yes = n - no;
            if (Math.Min(yes, no) < MinimumDaysPerSide)
            {
                var yesShort = yes <= no;
                var have = yesShort ? yes : no;
                var missing = MinimumDaysPerSide - have;
                var side = yesShort ? "with" : "without";
                var reason = $"Only {Plural(have, "paired day")} {side} {Phrases.YesNoNoun(factor)}; log {Plural(missing, "more day")} {side} it.";
                return new NotTestedPair(factor.Key, outcome.Key, lag, n, reason, yesShort ? NotTestedKind.TooFewYesDays : NotTestedKind.TooFewNoDays, missing);
            }
        }

        if (Association.IsConstant(x))
        {
            var reason = $"{factor.Label} was {Number(x[0])} on all {n} paired days; it has to vary to be compared.";
            return new NotTestedPair(factor.Key, outcome.Key, lag, n, reason, NotTestedKind.FactorConstant, null);
        }

        if (Association.IsConstant(y))
        {
            var reason = $"{outcome.Label} was {Number(y[0])} on all {n} paired days; it has to vary to be compared.";
            return new NotTestedPair(factor.Key, outcome.Key, lag, n, reason, NotTestedKind.OutcomeConstant, null);
        }

        return null;
    }

    private static string Plural(int count, string noun) =>
        count == 1 ? "1 " + noun : count.ToString(CultureInfo.InvariantCulture) + " " + noun + "s";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
