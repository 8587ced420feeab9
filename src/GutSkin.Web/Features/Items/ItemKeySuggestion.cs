using System.Globalization;
using System.Text;
using GutSkin.Analysis;

namespace GutSkin.Web.Features.Items;

/// <summary>
/// A key made from a label, as the Items page proposes it when the member leaves the key empty: "Crème fraîche" becomes
/// <c>creme_fraiche</c>, "5-HTP" <c>item_5_htp</c>, and a key the member already has (archived included, since keys are
/// never reused) gets <c>_2</c>, <c>_3</c>… site.js proposes the same while the label is typed.
/// </summary>
public static class ItemKeySuggestion
{
    /// <summary>The suggested key, or null when the label has no letter or digit to make one from.</summary>
    public static string? From(string? label, IReadOnlyDictionary<string, TrackedItem> taken) => From(label, taken.ContainsKey);

    /// <summary>The suggested key, given which keys are taken (an import also keeps out the keys it proposed already).</summary>
    public static string? From(string? label, Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        if (Slug(label) is not { } slug)
        {
            return null;
        }

        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "_" + n.ToString(CultureInfo.InvariantCulture);
            var key = slug[..Math.Min(slug.Length, ItemKeys.MaxLength - suffix.Length)].TrimEnd('_') + suffix;
            if (!taken(key) && key is not JournalData.SkinScoreKey and not JournalData.GutScoreKey)
            {
                return key;
            }
        }
    }

    /// <summary>Lower case ASCII letters and digits, accents dropped, every other run of characters one underscore, at most 40 characters.</summary>
    public static string? Slug(string? label)
    {
        var text = new StringBuilder();
        foreach (var c in (label ?? "").Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                text.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        var slug = text.ToString().TrimEnd('_');
        if (slug.Length == 0)
        {
            return null;
        }

        slug = char.IsAsciiDigit(slug[0]) ? "item_" + slug : slug;
        return slug[..Math.Min(slug.Length, ItemKeys.MaxLength)].TrimEnd('_');
    }
}
