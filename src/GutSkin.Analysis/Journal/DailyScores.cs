namespace GutSkin.Analysis;

/// <summary>
/// The derived daily scores of the specification: <c>skin_score</c>, the mean of the skin items logged that day
/// (custom ones included), and <c>gut_score</c>, the mean of those of <see cref="BuiltInCatalog.GutScoreKeys"/> logged
/// that day. A score is missing on a day when none of its items is logged. The journal API's days and the
/// analysis (<see cref="JournalData"/>) both take the scores from here.
/// </summary>
public static class DailyScores
{
    /// <summary>Which score a value of an item feeds: <see cref="JournalData.SkinScoreKey"/>,
    /// <see cref="JournalData.GutScoreKey"/>, or null for an item that feeds neither.</summary>
    /// <param name="group">The item's group.</param>
    /// <param name="key">The item's key.</param>
    public static string? ScoreOf(ItemGroup group, string key) =>
        group == ItemGroup.Skin ? JournalData.SkinScoreKey
        : BuiltInCatalog.IsGutScoreKey(key) ? JournalData.GutScoreKey
        : null;

    /// <summary>One day's two scores from its logged values.</summary>
    /// <param name="values">The day's values with their items' group and key.</param>
    /// <returns>Each score, or null when none of its items is logged.</returns>
    public static (double? Skin, double? Gut) Of(IEnumerable<(ItemGroup Group, string Key, double Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var skin = new Mean();
        var gut = new Mean();
        foreach (var (group, key, value) in values)
        {
            switch (ScoreOf(group, key))
            {
                case JournalData.SkinScoreKey:
                    skin.Add(value);
                    break;
                case JournalData.GutScoreKey:
                    gut.Add(value);
                    break;
            }
        }

        return (skin.Value, gut.Value);
    }

    /// <summary>Fills each day of <paramref name="target"/> with the mean of the sources logged that day (NaN when none is).</summary>
    internal static void FillMeans(double[] target, double[][] sources)
    {
        for (var d = 0; d < target.Length; d++)
        {
            var mean = new Mean();
            foreach (var source in sources)
            {
                if (!double.IsNaN(source[d]))
                {
                    mean.Add(source[d]);
                }
            }

            target[d] = mean.Value is not { } value ? double.NaN
                : double.IsFinite(value) ? value
                : Association.Mean([.. sources.Select(s => s[d]).Where(x => !double.IsNaN(x))]);
        }
    }

    // A plain sum and count; FillMeans re-takes a mean whose sum overflowed (values near the largest double).
    private struct Mean
    {
        private double _sum;
        private int _count;

        public void Add(double value)
        {
            _sum += value;
            _count++;
        }

        public readonly double? Value => _count == 0 ? null : _sum / _count;
    }
}
