using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GutSkin.Analysis;

/// <summary>
/// The one home of journal dates: their text form (<c>YYYY-MM-DD</c>), the window a journal holds (1900-01-01 to the
/// member's tomorrow) and ranges of them. Every API, page and import reads dates here, so they accept and refuse
/// the same dates with the same messages.
/// </summary>
public static class JournalDates
{
    /// <summary>The date format of the API, the CSV and the routes.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>The first day a journal holds.</summary>
    public static DateOnly Earliest { get; } = new(1900, 1, 1);

    /// <summary>How far ahead of the member's today a plan (an experiment) may reach.</summary>
    public const int PlanYearsAhead = 5;

    /// <summary>The last day a member may log: their tomorrow (travel, late nights), never further ahead.</summary>
    /// <param name="today">The member's today.</param>
    public static DateOnly Latest(DateOnly today) => today < DateOnly.MaxValue ? today.AddDays(1) : today;

    /// <summary>The date as <see cref="Format"/> writes it.</summary>
    /// <param name="date">The date.</param>
    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>YYYY-MM-DD exactly, as <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateOnly)"/>
    /// with <see cref="Format"/> reads it, with a fast path for the usual ten ASCII characters. The text form only:
    /// 0001-01-01 parses; whether a journal holds it is <see cref="Check"/>'s question.</summary>
    /// <param name="text">The text.</param>
    /// <param name="date">The date read, or default.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day))
        {
            var valid = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
            date = valid ? new DateOnly(year, month, day) : default;
            return valid;
        }

        return DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The message for text that is not a date.</summary>
    /// <param name="text">What was given.</param>
    public static string NotADate(ReadOnlySpan<char> text) => $"'{text}' is not a date (YYYY-MM-DD).";

    /// <summary>Null when a journal of a member whose today is <paramref name="today"/> can hold
    /// <paramref name="date"/> (from <see cref="Earliest"/> to <see cref="Latest"/>); otherwise why not.</summary>
    /// <param name="date">The date.</param>
    /// <param name="today">The member's today; null when there is no member (the analyze command), which reads any date.</param>
    public static string? Check(DateOnly date, DateOnly? today) =>
        today is not { } t ? null
        : date < Earliest ? BeforeEarliest(date)
        : date > Latest(t) ? $"{ToText(date)} is more than one day ahead of your today ({ToText(t)})."
        : null;

    private static string BeforeEarliest(DateOnly date) => $"{ToText(date)} is before {ToText(Earliest)}, the first day a journal holds.";

    /// <summary>Reads a journal day: a date in the text form that <see cref="Check"/> accepts.</summary>
    /// <param name="text">The text; null is not a date.</param>
    /// <param name="today">The member's today.</param>
    /// <param name="date">The date read.</param>
    /// <param name="problem">Null, or why the text is not a journal day.</param>
    public static bool TryRead([NotNullWhen(true)] string? text, DateOnly today, out DateOnly date, [NotNullWhen(false)] out string? problem)
    {
        problem = !TryParse(text, out date) ? NotADate(text) : Check(date, today);
        return problem is null;
    }

    /// <summary>
    /// Reads a range of journal days from query values; each end is optional and must be a journal day
    /// (<see cref="TryRead"/>), and <paramref name="to"/> must not come before <paramref name="from"/>.
    /// </summary>
    /// <param name="from">First day, or null/empty for none.</param>
    /// <param name="to">Last day, or null/empty for none.</param>
    /// <param name="today">The member's today.</param>
    /// <returns>The range (open ends null) and the problems keyed by <c>from</c> and <c>to</c>; empty when it is fine.</returns>
    public static (DateOnly? From, DateOnly? To, Dictionary<string, string> Errors) ReadRange(string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        DateOnly? Read(string? text, string field)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (TryRead(text, today, out var date, out var problem))
            {
                return date;
            }

            errors[field] = problem;
            return null;
        }

        var first = Read(from, "from");
        var last = Read(to, "to");
        if (first > last)
        {
            errors["to"] = "'to' is before 'from'.";
        }

        return (first, last, errors);
    }

    /// <summary>Reads a day of a plan (an experiment): from <see cref="Earliest"/> to <see cref="PlanYearsAhead"/> years
    /// after the member's today, since a plan reaches into the future.</summary>
    /// <param name="text">The text; null is not a date.</param>
    /// <param name="today">The member's today.</param>
    /// <param name="date">The date read.</param>
    /// <param name="problem">Null, or why the text is not a day a plan can use.</param>
    public static bool TryReadPlanned([NotNullWhen(true)] string? text, DateOnly today, out DateOnly date, [NotNullWhen(false)] out string? problem)
    {
        var latest = today.Year <= DateOnly.MaxValue.Year - PlanYearsAhead ? today.AddYears(PlanYearsAhead) : DateOnly.MaxValue;
        problem = !TryParse(text, out date) ? NotADate(text)
            : date < Earliest ? BeforeEarliest(date)
            : date > latest ? $"{ToText(date)} is more than {PlanYearsAhead} years ahead of your today ({ToText(today)})."
            : null;
        return problem is null;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int number)
    {
        number = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }
}
