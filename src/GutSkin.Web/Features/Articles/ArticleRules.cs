using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GutSkin.Web.Features.Articles;

/// <summary>Limits and the slug and tag rules shared by the admin pages, the seeding step and the API.</summary>
public static partial class ArticleRules
{
    public const int MaxSlugLength = 120;
    public const int MaxTitleLength = 200;
    public const int MaxExcerptLength = 400;
    public const int MaxAltLength = 300;
    public const int MaxMarkdownLength = 200_000;
    public const int MaxTags = 10;
    public const int MaxTagLength = 40;
    public const int WordsPerMinute = 200;

    /// <summary>Lower-case ASCII words joined by hyphens, e.g. "the-gut-skin-axis".</summary>
    public static bool IsSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    /// <summary>A slug made from a title: accents dropped, anything else but letters and digits becomes a hyphen.</summary>
    public static string Slugify(string title)
    {
        var text = string.Concat(title.Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
        var slug = MultipleHyphens().Replace(text, "-").Trim('-');
        if (slug.Length > MaxSlugLength)
        {
            slug = slug[..MaxSlugLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "article" : slug;
    }

    /// <summary>Tags from a comma-separated list: trimmed, lower-case, without duplicates, in the order given.</summary>
    public static List<string> ParseTags(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => WhiteSpace().Replace(t.ToLowerInvariant(), " "))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static int ReadingMinutes(string markdown)
    {
        var words = WhiteSpace().Split(markdown.Trim()).Count(w => w.Any(char.IsLetterOrDigit));
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }

    /// <summary>A plain-text excerpt from the first paragraph of the Markdown, when the author gave none.</summary>
    public static string ExcerptFrom(string markdown)
    {
        var paragraph = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n")
            .Select(p => p.Trim())
            .FirstOrDefault(p => p.Length > 0 && !p.StartsWith('#') && !p.StartsWith("![", StringComparison.Ordinal)) ?? "";
        var plain = WhiteSpace().Replace(MarkdownPunctuation().Replace(paragraph, "$1"), " ").Trim();
        return plain.Length <= MaxExcerptLength ? plain : plain[..(MaxExcerptLength - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex MultipleHyphens();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // [text](url) → text; emphasis marks dropped.
    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)|[*_`>]+")]
    private static partial Regex MarkdownPunctuation();
}
