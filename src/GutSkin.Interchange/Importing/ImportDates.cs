using System.Globalization;

namespace GutSkin.Interchange.Importing;

/// <summary>How a file writes numeric dates such as 03/04/2024: day first (3 April) or month first (March 4).</summary>
public enum DateOrder
{
    DayFirst,
    MonthFirst,
}

/// <summary>
/// The dates exports write: ISO (<c>2024-04-03</c>, with or without a time), numeric with the year last
/// (<c>03/04/2024</c>, <c>3.4.24</c>), and with a month name (<c>23rd Jul 2020</c>, <c>July 23, 2020</c>). Numeric dates
/// are read in one order for the whole file: the order every date fits; when every date fits both, the member is
/// asked (<see cref="OrderOf"/>), never guessed for.
/// </summary>
public static class ImportDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>A date read up to its order: ISO and named dates are (year, month, day); numeric ones (year, a, b).</summary>
    private readonly record struct Shape(int Year, int First, int Second, bool NeedsOrder);

    /// <summary>The order of a file's numeric dates: known, ambiguous (every date fits both) or impossible (none fits both).</summary>
    public static (DateOrder? Order, bool Ambiguous) OrderOf(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        bool dayFirst = true, monthFirst = true, any = false, distinct = false;
        foreach (var text in texts)
        {
            if (TryShape(text, out var shape) && shape.NeedsOrder)
            {
                any = true;
                distinct |= shape.First != shape.Second;
                dayFirst &= Make(shape.Year, shape.Second, shape.First) is not null;
                monthFirst &= Make(shape.Year, shape.First, shape.Second) is not null;
            }
        }

        return !any || !distinct ? (DateOrder.DayFirst, false)
            : dayFirst && monthFirst ? (null, true)
            : dayFirst ? (DateOrder.DayFirst, false)
            : monthFirst ? (DateOrder.MonthFirst, false)
            : (null, false);
    }

    /// <summary>The day a text names, numeric dates read in <paramref name="order"/>; null when it names none.</summary>
    public static DateOnly? Read(string text, DateOrder order) =>
        !TryShape(text, out var shape) ? null
        : !shape.NeedsOrder || order == DateOrder.MonthFirst ? Make(shape.Year, shape.First, shape.Second)
        : Make(shape.Year, shape.Second, shape.First);

    /// <summary>True when the text looks like a date in some order (its order may still be unknown).</summary>
    public static bool LooksLikeDate(string text) =>
        TryShape(text, out var s) && (Make(s.Year, s.First, s.Second) ?? Make(s.Year, s.Second, s.First)) is not null;

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static bool TryShape(string text, out Shape shape)
    {
        shape = default;
        text = text.Length > 10 && text[10] == 'T' ? text[..10] : text;
        var tokens = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => !t.Contains(':', StringComparison.Ordinal) && !t.Equals("am", StringComparison.OrdinalIgnoreCase) && !t.Equals("pm", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        return tokens.Length switch
        {
            1 => TryNumeric(tokens[0], out shape),
            >= 2 and <= 4 => TryNamed(tokens, out shape),
            _ => false,
        };
    }

    private static bool TryNumeric(string token, out Shape shape)
    {
        shape = default;
        var cut = token.IndexOf('T', StringComparison.Ordinal);
        var parts = (cut == 10 ? token[..cut] : token).Split('-', '/', '.');
        if (parts.Length != 3 || !parts.All(p => p.Length is >= 1 and <= 4 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts[0].Length == 4)
        {
            shape = new Shape(numbers[0], numbers[1], numbers[2], NeedsOrder: false);
            return parts[1].Length <= 2 && parts[2].Length <= 2;
        }

        var year = parts[2].Length == 2 ? 2000 + numbers[2] : numbers[2];
        shape = new Shape(year, numbers[0], numbers[1], NeedsOrder: true);
        return parts[0].Length <= 2 && parts[1].Length <= 2 && parts[2].Length is 2 or 4;
    }

    /// <summary>A month name, a day (23, 23rd) and a four-digit year in any order; a weekday name is let through.</summary>
    private static bool TryNamed(string[] tokens, out Shape shape)
    {
        shape = default;
        int month = 0, day = 0, year = 0;
        foreach (var token in tokens)
        {
            var lower = token.ToLowerInvariant().TrimEnd('.');
            var digits = lower.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
            if (lower.Length >= 3 && Array.IndexOf(Months, lower[..3]) is var m and >= 0 && month == 0)
            {
                month = m + 1;
            }
            else if (digits.Length == 4 && digits.All(char.IsAsciiDigit) && year == 0)
            {
                year = int.Parse(digits, CultureInfo.InvariantCulture);
            }
            else if (digits.Length is 1 or 2 && digits.All(char.IsAsciiDigit) && day == 0)
            {
                day = int.Parse(digits, CultureInfo.InvariantCulture);
            }
            else if (!IsWeekday(lower))
            {
                return false;
            }
        }

        shape = new Shape(year, month, day, NeedsOrder: false);
        return month > 0 && day > 0 && year > 0;
    }

    private static bool IsWeekday(string lower) =>
        lower.Length >= 3 && lower[..3] is "mon" or "tue" or "wed" or "thu" or "fri" or "sat" or "sun";
}
