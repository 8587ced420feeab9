using GutSkin.Analysis;

namespace GutSkin.Interchange.Importing;

/// <summary>
/// The notes of an export, as the day's note: one entry named <see cref="Name"/>, the notes of one day joined line by
/// line in the order of the file, and a note longer than the journal's (<see cref="DayRules.MaxNoteLength"/>) cut to
/// fit, which the import then counts.
/// </summary>
public static class ImportNotes
{
    public const string Name = "Notes";

    /// <summary>The day's note from its notes, and whether it had to be shortened to fit.</summary>
    public static (string Note, bool Shortened) Join(IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var note = string.Join('\n', notes);
        if (note.Length <= DayRules.MaxNoteLength)
        {
            return (note, false);
        }

        // Never half of a surrogate pair at the cut.
        var cut = char.IsHighSurrogate(note[DayRules.MaxNoteLength - 1]) ? DayRules.MaxNoteLength - 1 : DayRules.MaxNoteLength;
        return (note[..cut], true);
    }

    /// <summary>A sample of a note for the preview: its first line, at most 60 characters.</summary>
    public static string Sample(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var line = note.Split('\n')[0].Trim();
        return line.Length > 60 ? $"{line[..57].TrimEnd()}…" : line;
    }
}
