namespace GutSkin.Analysis;

/// <summary>A tracked item with its kind and allowed range, as the catalog and the items API describe it.</summary>
/// <param name="Key">Unique lower-case snake_case key.</param>
/// <param name="Label">Label shown to the member.</param>
/// <param name="Group">Skin, gut or habit.</param>
/// <param name="Kind">One of <see cref="ItemKinds.All"/>.</param>
/// <param name="Min">Smallest allowed value (inclusive).</param>
/// <param name="Max">Largest allowed value (inclusive).</param>
public sealed record CatalogItem(string Key, string Label, ItemGroup Group, string Kind, double Min, double Max)
{
    /// <summary>True for yes/no items (values 0 or 1).</summary>
    public bool IsYesNo => Kind == ItemKinds.YesNo;

    /// <summary>Unit of one step of the value (see <see cref="ItemKinds.UnitOf"/>).</summary>
    public string Unit => ItemKinds.UnitOf(Kind);

    /// <summary>True when <paramref name="value"/> fits the item (see <see cref="Problem"/>).</summary>
    /// <param name="value">The value to check.</param>
    public bool Accepts(double value) => Problem(value) is null;

    /// <summary>Null when <paramref name="value"/> fits the item; otherwise why not (see <see cref="ItemKinds.Problem"/>).</summary>
    /// <param name="value">The value to check.</param>
    public string? Problem(double value) => ItemKinds.Problem(Kind, Min, Max, value);

    /// <summary>The item as the analysis sees it.</summary>
    public SeriesItem ToSeriesItem() => new(Key, Label, Group, IsYesNo, Unit);
}
