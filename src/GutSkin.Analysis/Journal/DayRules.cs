namespace GutSkin.Analysis;

/// <summary>
/// The rules of one journal day, the same for the API, the Today page and both imports: the date against the
/// member's today (<see cref="JournalDates"/>), each value against its item, and the note. Field → message, with one
/// message per field, keyed as the JSON body names them: <c>date</c>, <c>values.{key}</c>, <c>note</c>.
/// </summary>
public static class DayRules
{
    /// <summary>Longest note, in UTF-16 code units.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The message for a value logged under a key that is none of the member's items.</summary>
    /// <param name="key">The key given.</param>
    public static string UnknownItem(ReadOnlySpan<char> key) => $"'{key}' is not one of your tracked items.";

    /// <summary>Null when <paramref name="value"/> fits <paramref name="item"/>; otherwise why not, naming the item
    /// by its label ("Redness / rosacea must be between 0 and 10.").</summary>
    /// <param name="item">The item.</param>
    /// <param name="value">The value.</param>
    public static string? CheckValue(ITrackedItem item, double value)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind.Problem(item.Min, item.Max, value) is { } problem ? $"{item.Label} {problem}." : null;
    }

    /// <summary>Null when the note can be stored: at most <see cref="MaxNoteLength"/> characters and no NUL.</summary>
    /// <param name="note">The note; null or empty is no note.</param>
    public static string? CheckNote(string? note) =>
        note is { Length: > MaxNoteLength } ? $"The note is {note.Length} characters; at most {MaxNoteLength} fit."
        : StoredText.HasNul(note) ? StoredText.NulMessage
        : null;

    /// <summary>Checks a whole day.</summary>
    /// <typeparam name="TItem">The member's item type.</typeparam>
    /// <param name="date">The day.</param>
    /// <param name="today">The member's today.</param>
    /// <param name="values">The values by item key; a null value is missing and always fine.</param>
    /// <param name="item">The member's item with a key, or null when they have none.</param>
    /// <param name="note">The note.</param>
    /// <returns>Field → message; empty when the day may be written.</returns>
    public static Dictionary<string, string> Check<TItem>(
        DateOnly date, DateOnly today, IEnumerable<KeyValuePair<string, double?>>? values, Func<string, TItem?> item, string? note)
        where TItem : class, ITrackedItem
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JournalDates.Check(date, today) is { } dateProblem)
        {
            errors["date"] = dateProblem;
        }

        foreach (var (key, value) in values ?? [])
        {
            if (item(key) is not { } found)
            {
                errors[$"values.{key}"] = UnknownItem(key);
            }
            else if (value is { } v && CheckValue(found, v) is { } problem)
            {
                errors[$"values.{key}"] = problem;
            }
        }

        if (CheckNote(note) is { } noteProblem)
        {
            errors["note"] = noteProblem;
        }

        return errors;
    }
}
