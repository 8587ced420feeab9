using BuiltInCatalog = GutSkin.Analysis.BuiltInCatalog;

namespace GutSkin.Web.Features.Items;

/// <summary>
/// The built-in catalog of PRODUCT.md as database rows. The list itself lives in the analysis core
/// (<see cref="BuiltInCatalog"/>); ids follow its order and are stable: the migrations seed these rows.
/// </summary>
public static class Catalog
{
    public static IReadOnlyList<TrackedItem> BuiltIn { get; } =
    [
        .. BuiltInCatalog.Items.Select((item, index) =>
        {
            var kind = ItemKinds.TryParse(item.Kind, out var k) ? k : throw new InvalidOperationException($"Unknown kind '{item.Kind}'.");
            return new TrackedItem { Id = index + 1, Key = item.Key, Label = item.Label, Group = item.Group, Kind = kind, Min = item.Min, Max = item.Max, Unit = ItemKinds.Unit(kind) };
        }),
    ];

    /// <summary>Custom item ids start above this so the catalog can grow without clashing.</summary>
    public const int FirstCustomId = 1000;
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
        ItemKind.Scale => "point",
        ItemKind.YesNo => "",
        ItemKind.Servings => "serving",
        ItemKind.Litres => "L",
        ItemKind.Hours => "h",
    };

    /// <summary>
    /// The unit after an amount, with its leading space: the kinds' own "point" and "serving" take an s for any
    /// amount but 1 ("5 points", "1 serving"); "L", "h" and a unit a member typed stay as written.
    /// </summary>
    public static string UnitAfter(double amount, string unit) =>
        unit.Length == 0 ? "" : amount != 1 && unit is "point" or "serving" ? $" {unit}s" : $" {unit}";

    /// <summary>Severities, scales, yes/no and servings are whole numbers; litres and hours take decimals.</summary>
    public static bool IsWholeNumber(ItemKind kind) => GutSkin.Analysis.ItemKinds.IsWholeNumber(ToJson(kind));

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
    public static string? Check(TrackedItem item, double value) => GutSkin.Analysis.ItemKinds.Problem(ToJson(item.Kind), item.Min, item.Max, value);
}
