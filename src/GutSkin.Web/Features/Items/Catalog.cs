namespace GutSkin.Web.Features.Items;

/// <summary>The built-in catalog of PRODUCT.md. Ids are stable: the migrations seed these rows.</summary>
public static class Catalog
{
    public static IReadOnlyList<TrackedItem> BuiltIn { get; } =
    [
        Item(1, "redness", "Redness / rosacea", ItemGroup.Skin, ItemKind.Severity),
        Item(2, "breakouts", "Breakouts / acne", ItemGroup.Skin, ItemKind.Severity),
        Item(3, "dryness", "Dry, flaky or inflamed patches", ItemGroup.Skin, ItemKind.Severity),
        Item(4, "eczema", "Eczema flare", ItemGroup.Skin, ItemKind.Severity),
        Item(5, "psoriasis", "Psoriasis flare", ItemGroup.Skin, ItemKind.Severity),
        Item(6, "itch", "Itch", ItemGroup.Skin, ItemKind.Severity),
        Item(7, "bloating", "Bloating", ItemGroup.Gut, ItemKind.Severity),
        Item(8, "constipation", "Constipation", ItemGroup.Gut, ItemKind.Severity),
        Item(9, "irregular_digestion", "Irregular digestion", ItemGroup.Gut, ItemKind.Severity),
        Item(10, "stool_form", "Stool form (Bristol scale)", ItemGroup.Gut, ItemKind.Scale),
        Item(11, "probiotic_supplement", "Took a probiotic supplement", ItemGroup.Habit, ItemKind.YesNo),
        Item(12, "fermented_foods", "Fermented foods (yoghurt, kefir, kimchi…)", ItemGroup.Habit, ItemKind.Servings),
        Item(13, "prebiotic_foods", "Prebiotic-rich foods", ItemGroup.Habit, ItemKind.Servings),
        Item(14, "sugary_foods", "Sugary foods and drinks", ItemGroup.Habit, ItemKind.Servings),
        Item(15, "processed_foods", "Processed foods", ItemGroup.Habit, ItemKind.Servings),
        Item(16, "water", "Water", ItemGroup.Habit, ItemKind.Litres),
        Item(17, "stress", "Stress", ItemGroup.Habit, ItemKind.Severity),
        Item(18, "sleep", "Sleep", ItemGroup.Habit, ItemKind.Hours),
        Item(19, "antibiotics", "Took antibiotics", ItemGroup.Habit, ItemKind.YesNo),
        Item(20, "illness", "Felt ill", ItemGroup.Habit, ItemKind.YesNo),
    ];

    /// <summary>Custom item ids start above this so the catalog can grow without clashing.</summary>
    public const int FirstCustomId = 1000;

    private static TrackedItem Item(int id, string key, string label, ItemGroup group, ItemKind kind)
    {
        var (min, max) = ItemKinds.DefaultRange(kind);
        return new TrackedItem { Id = id, Key = key, Label = label, Group = group, Kind = kind, Min = min, Max = max, Unit = ItemKinds.Unit(kind) };
    }
}

/// <summary>What each kind of item accepts.</summary>
public static class ItemKinds
{
    public static (double Min, double Max) DefaultRange(ItemKind kind) => kind switch
    {
        ItemKind.Severity => (0, 10),
        ItemKind.Scale => (1, 7),
        ItemKind.YesNo => (0, 1),
        ItemKind.Servings => (0, 20),
        ItemKind.Litres => (0, 10),
        ItemKind.Hours => (0, 24),
    };

    public static string Unit(ItemKind kind) => kind switch
    {
        ItemKind.Severity => "point",
        ItemKind.Scale => "type",
        ItemKind.YesNo => "",
        ItemKind.Servings => "serving",
        ItemKind.Litres => "L",
        ItemKind.Hours => "h",
    };

    /// <summary>Severities, scales, yes/no and servings are whole numbers; litres and hours take decimals.</summary>
    public static bool IsWholeNumber(ItemKind kind) => kind is not (ItemKind.Litres or ItemKind.Hours);

    public static string ToJson(ItemKind kind) => kind switch
    {
        ItemKind.Severity => "severity",
        ItemKind.Scale => "scale",
        ItemKind.YesNo => "yesno",
        ItemKind.Servings => "servings",
        ItemKind.Litres => "litres",
        ItemKind.Hours => "hours",
    };

    public static bool TryParse(string? text, out ItemKind kind)
    {
        foreach (var k in Enum.GetValues<ItemKind>())
        {
            if (string.Equals(ToJson(k), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Null when the value fits the item; otherwise the reason, in words a member understands.</summary>
    public static string? Check(TrackedItem item, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "must be a number";
        }

        if (item.Kind == ItemKind.YesNo && value is not (0 or 1))
        {
            return "must be 1 (yes) or 0 (no)";
        }

        if (IsWholeNumber(item.Kind) && value != Math.Floor(value))
        {
            return $"must be a whole number from {item.Min:0.##} to {item.Max:0.##}";
        }

        if (value < item.Min || value > item.Max)
        {
            return $"must be between {item.Min:0.##} and {item.Max:0.##}";
        }

        return null;
    }
}
