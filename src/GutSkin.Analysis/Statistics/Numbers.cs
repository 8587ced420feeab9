using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>
/// How a statistic is written for people, the same on the pages, the report and the PDF: invariant culture, an
/// ASCII minus, never "-0.0", p- and q-values to three decimals ("&lt; 0.001" below that).
/// </summary>
public static class Numbers
{
    /// <summary>"–" where a number is missing.</summary>
    public const string Missing = "–";

    /// <summary>
    /// Decimals that show every given nonzero value with a nonzero digit: one for 0.1 and more, up to three for
    /// smaller values, so an effect of 0.04 or an interval ending at -0.04 is never written as 0.0.
    /// </summary>
    public static int Decimals(params ReadOnlySpan<double> values)
    {
        var decimals = 1;
        foreach (var value in values)
        {
            var magnitude = Math.Abs(value);
            if (magnitude > 0 && double.IsFinite(magnitude))
            {
                decimals = Math.Max(decimals, Math.Clamp((int)-Math.Floor(Math.Log10(magnitude)), 1, 3));
            }
        }

        return decimals;
    }

    /// <summary><paramref name="value"/> to a fixed number of decimals; a value that rounds to zero has no sign.</summary>
    public static string Fixed(double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? text[1..] : text;
    }

    /// <summary>A fixed number of decimals, or <see cref="Missing"/>.</summary>
    public static string Fixed(double? value, int decimals) => value is { } v ? Fixed(v, decimals) : Missing;

    /// <summary>An effect or a bound on its own: two decimals (as in tables and details).</summary>
    public static string Effect(double? value) => Fixed(value, 2);

    /// <summary>A signed change: "+0.40" or "-1.20" (zero as "0.00").</summary>
    public static string WithSign(double value, int decimals)
    {
        var text = Fixed(value, decimals);
        return text.StartsWith('-') || text.AsSpan().IndexOfAnyExcept("0.") < 0 ? text : "+" + text;
    }

    /// <summary>A p- or q-value: three decimals, "&lt; 0.001" below that.</summary>
    public static string P(double? value) => value switch
    {
        null => Missing,
        < 0.001 => "< 0.001",
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    /// <summary>"p = 0.047" or "p &lt; 0.001" (and the same for q).</summary>
    public static string PClause(string name, double value) => value < 0.001 ? $"{name} < 0.001" : $"{name} = {P(value)}";

    /// <summary>A 0-to-10 score or a day's value: one decimal.</summary>
    public static string Score(double? value) => Fixed(value, 1);

    /// <summary>Effective days: at most one decimal ("41" or "37.5").</summary>
    public static string Days(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage: "83%".</summary>
    public static string Percent(double? share) =>
        share is { } s ? Math.Round(s * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%" : Missing;
}
