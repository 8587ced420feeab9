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
            new TrackedItem { Id = index + 1, Key = item.Key, Label = item.Label, Group = item.Group, Kind = item.Kind, Min = item.Min, Max = item.Max, Unit = item.Unit }),
    ];

    /// <summary>Custom item ids start above this so the catalog can grow without clashing.</summary>
    public const int FirstCustomId = 1000;
}
