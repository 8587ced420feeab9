using GutSkin.Analysis;

namespace GutSkin.Web.Infrastructure;

/// <summary>Rules every stored text follows, whatever the provider: the analysis core's (<see cref="StoredText"/>).</summary>
public static class TextInput
{
    /// <summary>PostgreSQL text cannot hold a NUL character (SQLite can): refusing it on both keeps bad input a 400, never a 500.</summary>
    public static bool HasNul(string? text) => StoredText.HasNul(text);

    public const string NulMessage = StoredText.NulMessage;
}
