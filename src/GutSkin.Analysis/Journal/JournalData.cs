using System.Buffers;

namespace GutSkin.Analysis;

/// <summary>
/// An immutable journal: items plus their values, stored per item as a dense array over the journal's timeline
/// (NaN = not logged). Missing is never zero.
/// </summary>
/// <remarks>
/// <para>The timeline is the calendar days from the first to the last logged day, except that a run of more than
/// <see cref="LongestGap"/> days with nothing logged is cut to <see cref="LongestGap"/> days: lags never reach across
/// such a run, so every pair of days within <see cref="InsightsAnalyzer.MaxLagLimit"/> days of each other keeps its
/// distance, and a journal with far-apart days (year 1 and year 9999) costs no more than its logged days.
/// <see cref="DateAt"/> names the day of each position.</para>
/// <para>Two derived series are always present: <see cref="SkinScoreKey"/> and <see cref="GutScoreKey"/>, the daily
/// scores of <see cref="DailyScores"/>.</para>
/// </remarks>
public sealed class JournalData
{
    /// <summary>Key of the derived daily skin score.</summary>
    public const string SkinScoreKey = "skin_score";

    /// <summary>Key of the derived daily gut score.</summary>
    public const string GutScoreKey = "gut_score";

    /// <summary>Longest run of unlogged days kept on the timeline: one more than the largest lag.</summary>
    public const int LongestGap = InsightsAnalyzer.MaxLagLimit + 1;

    private readonly Dictionary<string, int> _indexByKey;
    private readonly int[] _dayNumbers;
    private readonly double[][] _series;
    private readonly int[] _loggedCounts;

    /// <summary>Builds a journal.</summary>
    /// <param name="items">The member's items (built-in and custom), in the order results should follow.
    /// Keys must be non-empty, unique, and not <see cref="SkinScoreKey"/> or <see cref="GutScoreKey"/>.</param>
    /// <param name="values">Logged values, in any order. When a day and item occur twice, the later value
    /// replaces the earlier one (as a re-import does).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A key is empty, repeated, reserved, or a value's key is not an item.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public JournalData(IReadOnlyList<SeriesItem> items, IEnumerable<JournalValue> values)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(values);

        var all = new List<SeriesItem>(items.Count + 2);
        _indexByKey = new Dictionary<string, int>(items.Count + 2, StringComparer.Ordinal);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            ArgumentException.ThrowIfNullOrEmpty(item.Key, nameof(items));
            if (item.Key is SkinScoreKey or GutScoreKey)
            {
                throw new ArgumentException($"'{item.Key}' is a derived score and cannot be an item.", nameof(items));
            }

            if (!_indexByKey.TryAdd(item.Key, all.Count))
            {
                throw new ArgumentException($"Item key '{item.Key}' occurs more than once.", nameof(items));
            }

            all.Add(item);
        }

        Items = [.. all];
        var skinScore = new SeriesItem(SkinScoreKey, "Skin score", ItemGroup.Skin, false, "point");
        var gutScore = new SeriesItem(GutScoreKey, "Gut score", ItemGroup.Gut, false, "point");
        _indexByKey.Add(SkinScoreKey, all.Count);
        all.Add(skinScore);
        _indexByKey.Add(GutScoreKey, all.Count);
        all.Add(gutScore);
        AllSeries = all;
        DerivedItems = [skinScore, gutScore];

        var buffered = values as IReadOnlyCollection<JournalValue> ?? [.. values];
        // Pooled: one int per value would otherwise land on the large-object heap for a two-year journal.
        var seriesIndexes = ArrayPool<int>.Shared.Rent(buffered.Count);
        var days = new List<int>();
        var position = 0;
        foreach (var v in buffered)
        {
            if (v.Key is null || !_indexByKey.TryGetValue(v.Key, out var index) || index >= Items.Count)
            {
                throw new ArgumentException($"Value on {v.Date:yyyy-MM-dd} is for unknown item '{v.Key}'.", nameof(values));
            }

            if (!double.IsFinite(v.Value))
            {
                throw new ArgumentOutOfRangeException(nameof(values), v.Value, $"Value for '{v.Key}' on {v.Date:yyyy-MM-dd} is not a finite number.");
            }

            seriesIndexes[position++] = index;
            if (days.Count == 0 || days[^1] != v.Date.DayNumber)
            {
                days.Add(v.Date.DayNumber); // values usually come day by day: this keeps the list near one entry a day
            }
        }

        _dayNumbers = Timeline(days);
        FirstDate = _dayNumbers.Length == 0 ? null : DateOnly.FromDayNumber(_dayNumbers[0]);
        LastDate = _dayNumbers.Length == 0 ? null : DateOnly.FromDayNumber(_dayNumbers[^1]);
        DayCount = _dayNumbers.Length;

        _series = new double[all.Count][];
        for (var s = 0; s < all.Count; s++)
        {
            _series[s] = new double[DayCount];
            Array.Fill(_series[s], double.NaN);
        }

        position = 0;
        var (lastDay, lastIndex) = (int.MinValue, 0);
        foreach (var v in buffered)
        {
            if (v.Date.DayNumber != lastDay)
            {
                (lastDay, lastIndex) = (v.Date.DayNumber, Array.BinarySearch(_dayNumbers, v.Date.DayNumber));
            }

            _series[seriesIndexes[position++]][lastIndex] = v.Value;
        }

        ArrayPool<int>.Shared.Return(seriesIndexes);

        foreach (var score in DerivedItems)
        {
            DailyScores.FillMeans(_series[_indexByKey[score.Key]], [.. Items.Where(i => DailyScores.ScoreOf(i.Group, i.Key) == score.Key).Select(i => _series[_indexByKey[i.Key]])]);
        }

        _loggedCounts = [.. _series.Select(series => series.Count(x => !double.IsNaN(x)))];
    }

    /// <summary>The member's items, in the order given (derived scores not included).</summary>
    public IReadOnlyList<SeriesItem> Items { get; }

    /// <summary>The derived scores: <see cref="SkinScoreKey"/> (group skin) then <see cref="GutScoreKey"/> (group gut).</summary>
    public IReadOnlyList<SeriesItem> DerivedItems { get; }

    /// <summary><see cref="Items"/> followed by <see cref="DerivedItems"/>.</summary>
    public IReadOnlyList<SeriesItem> AllSeries { get; }

    /// <summary>First day with any logged value; null for an empty journal.</summary>
    public DateOnly? FirstDate { get; }

    /// <summary>Last day with any logged value; null for an empty journal.</summary>
    public DateOnly? LastDate { get; }

    /// <summary>Length of the timeline (see the remarks): the calendar days from <see cref="FirstDate"/> to
    /// <see cref="LastDate"/> inclusive when no run of unlogged days exceeds <see cref="LongestGap"/>; 0 for an empty journal.</summary>
    public int DayCount { get; }

    /// <summary>The day at position <paramref name="index"/> of the timeline (of every series).</summary>
    /// <param name="index">0 to <see cref="DayCount"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the timeline.</exception>
    public DateOnly DateAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, DayCount);
        return DateOnly.FromDayNumber(_dayNumbers[index]);
    }

    /// <summary>The first position of the timeline on or after <paramref name="date"/>; <see cref="DayCount"/> when none is.</summary>
    /// <param name="date">The day.</param>
    public int IndexOnOrAfter(DateOnly date)
    {
        var i = Array.BinarySearch(_dayNumbers, date.DayNumber);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The last position of the timeline on or before <paramref name="date"/>; −1 when none is.</summary>
    /// <param name="date">The day.</param>
    public int IndexOnOrBefore(DateOnly date)
    {
        var i = Array.BinarySearch(_dayNumbers, date.DayNumber);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>True when <paramref name="key"/> is an item or a derived score.</summary>
    /// <param name="key">The key to look up.</param>
    public bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _indexByKey.ContainsKey(key);
    }

    /// <summary>The item (or derived score) with <paramref name="key"/>.</summary>
    /// <param name="key">The key to look up.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public SeriesItem GetItem(string key) => AllSeries[IndexOf(key)];

    /// <summary>The dense series of <paramref name="key"/>: element <c>i</c> is the value on <see cref="DateAt"/>(<c>i</c>)
    /// (<see cref="FirstDate"/> + <c>i</c> days unless a long unlogged run was cut), NaN when not logged. Empty for an
    /// empty journal.</summary>
    /// <param name="key">An item key or a derived score key.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public ReadOnlySpan<double> GetSeries(string key) => _series[IndexOf(key)];

    /// <summary>The value of <paramref name="key"/> on <paramref name="date"/>, or NaN when not logged
    /// (including days outside the journal's span).</summary>
    /// <param name="key">An item key or a derived score key.</param>
    /// <param name="date">The day.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public double GetValue(string key, DateOnly date)
    {
        var series = _series[IndexOf(key)];
        var i = Array.BinarySearch(_dayNumbers, date.DayNumber);
        return i >= 0 ? series[i] : double.NaN;
    }

    /// <summary>Number of days on which <paramref name="key"/> is logged (for a derived score: computable).</summary>
    /// <param name="key">An item key or a derived score key.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public int CountLogged(string key) => _loggedCounts[IndexOf(key)];

    /// <summary>The logged values of <paramref name="key"/> by day, for the experiment analysis.</summary>
    /// <param name="key">An item key or a derived score key.</param>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    public IReadOnlyDictionary<DateOnly, double> ToDictionary(string key)
    {
        var series = _series[IndexOf(key)];
        var result = new Dictionary<DateOnly, double>(_loggedCounts[IndexOf(key)]);
        for (var i = 0; i < series.Length; i++)
        {
            if (!double.IsNaN(series[i]))
            {
                result.Add(DateOnly.FromDayNumber(_dayNumbers[i]), series[i]);
            }
        }

        return result;
    }

    internal double[] SeriesArray(int index) => _series[index];

    internal int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _indexByKey.TryGetValue(key, out var index)
            ? index
            : throw new KeyNotFoundException($"The journal has no item '{key}'.");
    }

    // The timeline's day numbers from the logged days (any order, repeats allowed): every calendar day between two
    // logged days, except that a longer unlogged run keeps only its first LongestGap − 1 days.
    private static int[] Timeline(List<int> loggedDays)
    {
        loggedDays.Sort();
        var timeline = new List<int>(loggedDays.Count);
        foreach (var day in loggedDays)
        {
            if (timeline.Count > 0)
            {
                if (day == timeline[^1])
                {
                    continue;
                }

                var fillTo = Math.Min(day - 1, timeline[^1] + LongestGap - 1);
                for (var d = timeline[^1] + 1; d <= fillTo; d++)
                {
                    timeline.Add(d);
                }
            }

            timeline.Add(day);
        }

        return [.. timeline];
    }
}
