using System.Globalization;

namespace GutSkin.Interchange.Importing;

/// <summary>
/// Values as exports write them: numbers with a '.' or a ',' as decimal mark (<c>2,5</c>), hours as <c>7:30</c>, litres
/// as <c>1.25L</c> or <c>500ml</c>, yes/no words. A cell that starts like a formula (<c>=</c>, <c>+</c>, <c>@</c>) is
/// text, never a number and never evaluated.
/// </summary>
public static class ImportValues
{
    /// <summary>A plain number: an optional '-', digits, and one '.' or ',' decimal mark.</summary>
    public static double? Number(string text, out bool decimalComma)
    {
        decimalComma = false;
        var t = text.Trim();
        if (t.Length == 0 || t[0] is '=' or '+' or '@')
        {
            return null;
        }

        if (t.Contains(',', StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal) && t.Count(c => c == ',') == 1)
        {
            t = t.Replace(',', '.');
            decimalComma = true;
        }

        var value = 0.0;
        var ok = t.TrimStart('-').All(c => char.IsAsciiDigit(c) || c == '.') && t.Any(char.IsAsciiDigit)
            && double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        decimalComma &= ok;
        return ok ? value : null;
    }

    /// <summary>A plain number, whatever its decimal mark.</summary>
    public static double? Number(string text) => Number(text, out _);

    /// <summary>Hours as <c>h:mm</c> (Bearable's sleep) or a number.</summary>
    public static double? Hours(string text) =>
        text.Trim().Split(':') is [var hours, var minutes] && Number(hours) is { } h && Number(minutes) is { } m && m is >= 0 and < 60 && h >= 0
            ? h + (m / 60)
            : Number(text);

    /// <summary>Litres as <c>1.25L</c>, <c>1.25 l</c>, <c>500ml</c> or a number.</summary>
    public static double? Litres(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t.EndsWith("ml", StringComparison.Ordinal) ? Number(t[..^2]) / 1000
            : t.EndsWith('l') ? Number(t[..^1])
            : Number(t);
    }

    /// <summary>1 for yes, 0 for no (yes/no, y/n, true/false, x, ✓, 1/0), otherwise a number, otherwise null.</summary>
    public static double? YesNoOrNumber(string text) => text.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "x" or "✓" or "✔" => 1,
        "no" or "n" or "false" => 0,
        var other => Number(other),
    };
}
