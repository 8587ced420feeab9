using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace GutSkin.Analysis;

/// <summary>The rule for every item key, built-in or custom.</summary>
public static partial class ItemKeys
{
    /// <summary>Longest key allowed.</summary>
    public const int MaxLength = 40;

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    /// <summary>True for lower-case snake_case starting with a letter, at most <see cref="MaxLength"/> characters
    /// (e.g. <c>sugary_foods</c>); false for null, empty, upper case, spaces, or a leading, trailing or double underscore.</summary>
    /// <param name="key">The key to check.</param>
    public static bool IsValid([NotNullWhen(true)] string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= MaxLength && Pattern().IsMatch(key);
}
