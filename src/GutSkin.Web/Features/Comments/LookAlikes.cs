using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Text as the blocklist compares it, so that spellings which look alike compare equal: NFKC (full-width and
/// mathematical letters become plain ones), without format characters (category Cf: zero-width spaces and
/// joiners, soft hyphens, bidi controls) or other default-ignorable ones, in lower case, each character replaced by
/// its confusable skeleton (Unicode UTS #39: Cyrillic а and Greek ο become a and o, the digit 0 becomes o), and
/// without combining marks (c̸asino, cäsino). The table is ICU's copy of Unicode's confusables, written by
/// Confusables/generate.py.
/// </summary>
public static class LookAlikes
{
    private static readonly FrozenDictionary<int, string> Skeletons = Load();

    public static string Fold(string text)
    {
        // Runes first: a lone surrogate becomes U+FFFD instead of making Normalize throw.
        var visible = string.Concat(text.EnumerateRunes().Where(r => Rune.GetUnicodeCategory(r) != UnicodeCategory.Format).Select(r => r.ToString()));
        var lower = visible.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var skeleton = string.Concat(lower.EnumerateRunes().Select(r => Skeletons.TryGetValue(r.Value, out var replacement) ? replacement : r.ToString()));
        return string.Concat(skeleton.Normalize(NormalizationForm.FormD).EnumerateRunes()
            .Where(r => Rune.GetUnicodeCategory(r) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            .Select(r => Rune.ToLowerInvariant(r).ToString()));
    }

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(LookAlikes).Assembly.GetManifestResourceStream("GutSkin.Web.Confusables.skeletons.txt")
            ?? throw new InvalidOperationException("The confusables table is not embedded in the app.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var codes = line.Split(' ');
            table[Hex(codes[0])] = string.Concat(codes.Skip(1).Select(c => char.ConvertFromUtf32(Hex(c))));
        }

        return table.ToFrozenDictionary();
    }

    private static int Hex(string code) => int.Parse(code, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
