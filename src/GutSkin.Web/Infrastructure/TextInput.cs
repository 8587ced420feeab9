namespace GutSkin.Web.Infrastructure;

/// <summary>Rules every stored text follows, whatever the provider.</summary>
public static class TextInput
{
    /// <summary>PostgreSQL text cannot hold a NUL character (SQLite can): refusing it on both keeps bad input a 400, never a 500.</summary>
    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    public const string NulMessage = "The text contains a NUL character (\\u0000), which cannot be stored.";
}
