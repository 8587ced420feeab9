using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>What kind of value a tracked item takes; it decides the unit, the default range and whole numbers.</summary>
/// <remarks>Serialises as its lower-case name (<c>"severity"</c>, <c>"yesno"</c>, ...), whatever the serializer's
/// naming policy; databases store the member name.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ItemKind>))]
public enum ItemKind
{
    /// <summary>A 0–10 severity rating.</summary>
    [JsonStringEnumMemberName("severity")]
    Severity,

    /// <summary>A point on a fixed scale, e.g. the Bristol stool scale 1–7.</summary>
    [JsonStringEnumMemberName("scale")]
    Scale,

    /// <summary>Yes (1) or no (0).</summary>
    [JsonStringEnumMemberName("yesno")]
    YesNo,

    /// <summary>A count of servings.</summary>
    [JsonStringEnumMemberName("servings")]
    Servings,

    /// <summary>Litres.</summary>
    [JsonStringEnumMemberName("litres")]
    Litres,

    /// <summary>Hours.</summary>
    [JsonStringEnumMemberName("hours")]
    Hours,

    /// <summary>A dose of a treatment in the item's own unit (mg, tablets, ml); fractions allowed.</summary>
    [JsonStringEnumMemberName("dose")]
    Dose,
}

/// <summary>What each <see cref="ItemKind"/> accepts, and its name in the API.</summary>
public static class ItemKinds
{
    /// <summary>All kinds, in declaration order.</summary>
    public static IReadOnlyList<ItemKind> All { get; } = Enum.GetValues<ItemKind>();

    /// <summary>Reads a kind by its API name (<c>"yesno"</c>), ignoring case; numbers and unknown names are refused.</summary>
    /// <param name="text">The name to read; may be null.</param>
    /// <param name="kind">The kind, or <see cref="ItemKind.Severity"/> when the text is no kind's name.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out ItemKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    extension(ItemKind kind)
    {
        /// <summary>The name the API and the JSON export use: the member name in lower case.</summary>
        public string Name => kind.ToString().ToLowerInvariant();

        /// <summary>The unit of one step of a value, as <see cref="SeriesItem.Unit"/> expects it:
        /// <c>point</c>, <c>serving</c>, <c>L</c>, <c>h</c>, <c>dose</c> (a member names their own), or empty for yes/no.</summary>
        public string Unit => kind switch
        {
            ItemKind.Severity or ItemKind.Scale => "point",
            ItemKind.YesNo => "",
            ItemKind.Servings => "serving",
            ItemKind.Litres => "L",
            ItemKind.Hours => "h",
            ItemKind.Dose => "dose",
        };

        /// <summary>The range of a new item of this kind when none is given (the built-in catalog's).</summary>
        public (double Min, double Max) DefaultRange => kind switch
        {
            ItemKind.Severity => (0, 10),
            ItemKind.Scale => (1, 7),
            ItemKind.YesNo => (0, 1),
            ItemKind.Servings => (0, 20),
            ItemKind.Litres => (0, 10),
            ItemKind.Hours => (0, 24),
            ItemKind.Dose => (0, 1000),
        };

        /// <summary>True for kinds whose values are whole numbers: every kind but litres, hours and doses.</summary>
        public bool IsWholeNumber => kind is not (ItemKind.Litres or ItemKind.Hours or ItemKind.Dose);

        /// <summary>
        /// Whether <paramref name="value"/> fits an item of this kind allowed from <paramref name="min"/> to
        /// <paramref name="max"/>: null when it does, otherwise the reason in words a member understands
        /// ("must be 1 (yes) or 0 (no)"). NaN and infinities never fit.
        /// </summary>
        /// <param name="min">Smallest allowed value (inclusive).</param>
        /// <param name="max">Largest allowed value (inclusive).</param>
        /// <param name="value">The value to check.</param>
        public string? Problem(double min, double max, double value)
        {
            if (!double.IsFinite(value))
            {
                return "must be a number";
            }

            if (kind == ItemKind.YesNo && value is not (0 or 1))
            {
                return "must be 1 (yes) or 0 (no)";
            }

            if (kind.IsWholeNumber && value != Math.Floor(value))
            {
                return $"must be a whole number from {min:0.##} to {max:0.##}";
            }

            return value < min || value > max ? $"must be between {min:0.##} and {max:0.##}" : null;
        }
    }
}
