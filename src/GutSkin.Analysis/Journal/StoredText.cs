namespace GutSkin.Analysis;

/// <summary>Rules every stored text follows, whatever the database.</summary>
public static class StoredText
{
    /// <summary>The message for text with a NUL character.</summary>
    public const string NulMessage = "The text contains a NUL character (\\u0000), which cannot be stored.";

    /// <summary>PostgreSQL text cannot hold a NUL character (SQLite can): refusing it on both keeps bad input a 400.</summary>
    /// <param name="text">The text; null has none.</param>
    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>Null when <paramref name="name"/> is a name of 1 to <paramref name="maxLength"/> characters (after
    /// trimming) without NUL; otherwise why not.</summary>
    /// <param name="name">The name given.</param>
    /// <param name="what">What is named, for the message ("the experiment").</param>
    /// <param name="maxLength">Longest name, trimmed.</param>
    public static string? CheckName(string? name, string what, int maxLength = 100) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > maxLength ? $"Give {what} a name of 1 to {maxLength} characters."
        : HasNul(name) ? NulMessage
        : null;
}
