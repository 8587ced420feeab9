namespace GutSkin.Analysis;

/// <summary>What the day's rules need to know of a tracked item: its key and label, and which values fit it.</summary>
/// <remarks>The catalog's <see cref="CatalogItem"/> and the web app's stored items both are one.</remarks>
public interface ITrackedItem
{
    /// <summary>Unique lower-case snake_case key.</summary>
    string Key { get; }

    /// <summary>Label shown to the member; messages name the item by it.</summary>
    string Label { get; }

    /// <summary>Skin, gut or habit.</summary>
    ItemGroup Group { get; }

    /// <summary>The kind of value.</summary>
    ItemKind Kind { get; }

    /// <summary>Smallest allowed value (inclusive).</summary>
    double Min { get; }

    /// <summary>Largest allowed value (inclusive).</summary>
    double Max { get; }
}

/// <summary>A tracked item with its kind and allowed range, as the catalog and the items API describe it.</summary>
/// <param name="Key">Unique lower-case snake_case key.</param>
/// <param name="Label">Label shown to the member.</param>
/// <param name="Group">Skin, gut or habit.</param>
/// <param name="Kind">The kind of value.</param>
/// <param name="Min">Smallest allowed value (inclusive).</param>
/// <param name="Max">Largest allowed value (inclusive).</param>
public sealed record CatalogItem(string Key, string Label, ItemGroup Group, ItemKind Kind, double Min, double Max) : ITrackedItem
{
    /// <summary>True for yes/no items (values 0 or 1).</summary>
    public bool IsYesNo => Kind == ItemKind.YesNo;

    /// <summary>Unit of one step of the value (see <see cref="ItemKinds"/>).</summary>
    public string Unit => Kind.Unit;

    /// <summary>True when <paramref name="value"/> fits the item (see <see cref="Problem"/>).</summary>
    /// <param name="value">The value to check.</param>
    public bool Accepts(double value) => Problem(value) is null;

    /// <summary>Null when <paramref name="value"/> fits the item; otherwise why not (see <see cref="ItemKinds"/>).</summary>
    /// <param name="value">The value to check.</param>
    public string? Problem(double value) => Kind.Problem(Min, Max, value);

    /// <summary>The item as the analysis sees it.</summary>
    public SeriesItem ToSeriesItem() => new(Key, Label, Group, IsYesNo, Unit);
}
