using System.Collections.Frozen;

namespace GutSkin.Analysis;

/// <summary>The 20 built-in tracked items of the product specification, in its order.</summary>
public static class BuiltInCatalog
{
    /// <summary>All built-in items: 6 skin, 4 gut, 10 habits.</summary>
    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        new("redness", "Redness / rosacea", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("breakouts", "Breakouts / acne", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("dryness", "Dry, flaky or inflamed patches", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("eczema", "Eczema flare", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("psoriasis", "Psoriasis flare", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("itch", "Itch", ItemGroup.Skin, ItemKind.Severity, 0, 10),
        new("bloating", "Bloating", ItemGroup.Gut, ItemKind.Severity, 0, 10),
        new("constipation", "Constipation", ItemGroup.Gut, ItemKind.Severity, 0, 10),
        new("irregular_digestion", "Irregular digestion", ItemGroup.Gut, ItemKind.Severity, 0, 10),
        new("stool_form", "Stool form (Bristol scale)", ItemGroup.Gut, ItemKind.Scale, 1, 7),
        new("probiotic_supplement", "Took a probiotic supplement", ItemGroup.Habit, ItemKind.YesNo, 0, 1),
        new("fermented_foods", "Fermented foods (yoghurt, kefir, kimchi…)", ItemGroup.Habit, ItemKind.Servings, 0, 20),
        new("prebiotic_foods", "Prebiotic-rich foods", ItemGroup.Habit, ItemKind.Servings, 0, 20),
        new("sugary_foods", "Sugary foods and drinks", ItemGroup.Habit, ItemKind.Servings, 0, 20),
        new("processed_foods", "Processed foods", ItemGroup.Habit, ItemKind.Servings, 0, 20),
        new("water", "Water", ItemGroup.Habit, ItemKind.Litres, 0, 10),
        new("stress", "Stress", ItemGroup.Habit, ItemKind.Severity, 0, 10),
        new("sleep", "Sleep", ItemGroup.Habit, ItemKind.Hours, 0, 24),
        new("antibiotics", "Took antibiotics", ItemGroup.Habit, ItemKind.YesNo, 0, 1),
        new("illness", "Felt ill", ItemGroup.Habit, ItemKind.YesNo, 0, 1),
    ];

    private static readonly FrozenDictionary<string, CatalogItem> ByKey =
        Items.ToFrozenDictionary(i => i.Key, StringComparer.Ordinal);

    private static readonly FrozenSet<string> GutScoreKeySet = new[] { "bloating", "constipation", "irregular_digestion" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The built-in items as analysis inputs, in catalog order.</summary>
    public static IReadOnlyList<SeriesItem> SeriesItems { get; } = [.. Items.Select(i => i.ToSeriesItem())];

    /// <summary>The keys whose mean makes <c>gut_score</c>.</summary>
    public static IReadOnlyList<string> GutScoreKeys { get; } = [.. GutScoreKeySet.Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="key"/> is one of <see cref="GutScoreKeys"/>.</summary>
    /// <param name="key">The key to check.</param>
    public static bool IsGutScoreKey(string key) => GutScoreKeySet.Contains(key);

    /// <summary>Finds a built-in item by key (ordinal, case-sensitive).</summary>
    /// <param name="key">The key to look up.</param>
    /// <param name="item">The item, or null when <paramref name="key"/> is not built in.</param>
    /// <returns>True when the key is built in.</returns>
    public static bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogItem? item)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ByKey.TryGetValue(key, out item);
    }

    /// <summary>True when <paramref name="key"/> is a built-in item key.</summary>
    /// <param name="key">The key to check.</param>
    public static bool Contains(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ByKey.ContainsKey(key);
    }
}
