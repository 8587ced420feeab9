using GutSkin.Analysis;

namespace GutSkin.Testing;

/// <summary>
/// A deterministic, realistic-looking journal: the built-in items plus custom habits, streaky (AR(1)) values,
/// about 3% of days not logged at all and 5% of the remaining values missing, and three planted effects
/// (sugary foods → breakouts two days later, probiotic → less redness next day, bloating → more redness next day).
/// </summary>
public static class SyntheticJournal
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    /// <param name="days">Calendar days.</param>
    /// <param name="habits">Habits: the 10 built-in ones first, then custom numeric habits <c>custom_habit_NN</c>.</param>
    /// <param name="skin">Built-in skin items (at most 6).</param>
    /// <param name="gut">Built-in gut items (at most 4).</param>
    /// <param name="seed">Seed of the random generator.</param>
    public static JournalData Create(int days, int habits, int skin, int gut, int seed)
    {
        var (items, values) = Values(days, habits, skin, gut, seed);
        return new JournalData(items, values);
    }

    public static (List<SeriesItem> Items, List<JournalValue> Values) Values(int days, int habits, int skin, int gut, int seed)
    {
        var random = new Random(seed);
        var catalog = BuiltInCatalog.SeriesItems;
        var items = new List<SeriesItem>();
        items.AddRange(catalog.Where(i => i.Group == ItemGroup.Skin).Take(skin));
        items.AddRange(catalog.Where(i => i.Group == ItemGroup.Gut).Take(gut));
        items.AddRange(catalog.Where(i => i.Group == ItemGroup.Habit).Take(habits));
        for (var h = 10; h < habits; h++)
        {
            items.Add(new SeriesItem($"custom_habit_{h:00}", $"Custom habit {h}", ItemGroup.Habit, false, "serving"));
        }

        var state = new double[items.Count];
        var series = new double[items.Count][];
        for (var s = 0; s < items.Count; s++)
        {
            series[s] = new double[days];
        }

        for (var d = 0; d < days; d++)
        {
            for (var s = 0; s < items.Count; s++)
            {
                state[s] = (0.5 * state[s]) + Normal(random);
                var item = items[s];
                series[s][d] = item.IsYesNo
                    ? (random.NextDouble() < 0.3 ? 1 : 0)
                    : Clamp(item.Key, Math.Round(4 + (1.5 * state[s])));
            }
        }

        Plant(items, series, "sugary_foods", "breakouts", 2, 0.5);
        Plant(items, series, "probiotic_supplement", "redness", 1, -1.5);
        Plant(items, series, "bloating", "redness", 1, 0.3);

        var values = new List<JournalValue>(days * items.Count);
        for (var d = 0; d < days; d++)
        {
            if (random.NextDouble() < 0.03)
            {
                continue;
            }

            for (var s = 0; s < items.Count; s++)
            {
                if (random.NextDouble() >= 0.05)
                {
                    values.Add(new JournalValue(Start.AddDays(d), items[s].Key, series[s][d]));
                }
            }
        }

        return (items, values);
    }

    private static void Plant(List<SeriesItem> items, double[][] series, string factor, string outcome, int lag, double slope)
    {
        var f = items.FindIndex(i => i.Key == factor);
        var o = items.FindIndex(i => i.Key == outcome);
        if (f < 0 || o < 0)
        {
            return;
        }

        for (var d = series[o].Length - 1; d >= lag; d--)
        {
            series[o][d] = Clamp(outcome, Math.Round(series[o][d] + (slope * series[f][d - lag])));
        }
    }

    /// <summary>Within the item's range (the Bristol scale is 1–7), so the journal also imports into the app.</summary>
    private static double Clamp(string key, double value) =>
        BuiltInCatalog.TryGet(key, out var item) ? Math.Clamp(value, item.Min, Math.Min(item.Max, 10)) : Math.Clamp(value, 0, 10);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
