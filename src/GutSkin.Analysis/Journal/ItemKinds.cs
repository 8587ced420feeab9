namespace GutSkin.Analysis;

/// <summary>The kinds of tracked item, as the strings the API uses.</summary>
public static class ItemKinds
{
    /// <summary>A 0–10 severity rating.</summary>
    public const string Severity = "severity";

    /// <summary>A point on a fixed scale, e.g. the Bristol stool scale 1–7.</summary>
    public const string Scale = "scale";

    /// <summary>Yes (1) or no (0).</summary>
    public const string YesNo = "yesno";

    /// <summary>A count of servings.</summary>
    public const string Servings = "servings";

    /// <summary>Litres.</summary>
    public const string Litres = "litres";

    /// <summary>Hours.</summary>
    public const string Hours = "hours";

    /// <summary>All kinds, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Severity, Scale, YesNo, Servings, Litres, Hours];

    /// <summary>The unit of one step of a value of <paramref name="kind"/>, as <see cref="SeriesItem.Unit"/> expects it.</summary>
    /// <param name="kind">One of <see cref="All"/>.</param>
    /// <returns><c>point</c>, <c>serving</c>, <c>L</c>, <c>h</c>, or empty for yes/no.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a known kind.</exception>
    public static string UnitOf(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind switch
        {
            Severity or Scale => "point",
            YesNo => "",
            Servings => "serving",
            Litres => "L",
            Hours => "h",
            _ => throw new ArgumentException($"Unknown item kind '{kind}'.", nameof(kind)),
        };
    }

    /// <summary>True for kinds whose values are whole numbers: every kind but litres and hours.</summary>
    /// <param name="kind">One of <see cref="All"/>.</param>
    public static bool IsWholeNumber(string kind) => kind is not (Litres or Hours);

    /// <summary>
    /// Whether <paramref name="value"/> fits an item of <paramref name="kind"/> allowed from
    /// <paramref name="min"/> to <paramref name="max"/>: null when it does, otherwise the reason in words a
    /// member understands ("must be 1 (yes) or 0 (no)"). NaN and infinities never fit.
    /// </summary>
    /// <param name="kind">One of <see cref="All"/>.</param>
    /// <param name="min">Smallest allowed value (inclusive).</param>
    /// <param name="max">Largest allowed value (inclusive).</param>
    /// <param name="value">The value to check.</param>
    public static string? Problem(string kind, double min, double max, double value)
    {
        if (!double.IsFinite(value))
        {
            return "must be a number";
        }

        if (kind == YesNo && value is not (0 or 1))
        {
            return "must be 1 (yes) or 0 (no)";
        }

        if (IsWholeNumber(kind) && value != Math.Floor(value))
        {
            return $"must be a whole number from {min:0.##} to {max:0.##}";
        }

        return value < min || value > max ? $"must be between {min:0.##} and {max:0.##}" : null;
    }
}
