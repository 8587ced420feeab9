namespace GutSkin.Interchange.Importing;

/// <summary>
/// Reads any export the import accepts, without I/O: recognises the format from the header (Flaredown, Bearable,
/// Daylio, GutSkin's own CSV, else a spreadsheet, long when it has date, name and value columns, wide otherwise), reads
/// its rows into <see cref="Observation"/>s and its dates in the one order they all fit (<see cref="ImportDates"/>).
/// Flaredown's demographic columns (user_id, age, sex, country) are never read.
/// </summary>
public static class ImportReader
{
    /// <summary>Reads <paramref name="text"/>; <paramref name="answer"/> is the member's answer to the date-order question, if asked.</summary>
    public static ImportRead Read(string text, DateOrder? answer = null)
    {
        var (header, rows, separator) = ImportTable.Read(text);
        var lower = header.Select(h => h.ToLowerInvariant()).ToArray();
        var layout = ImportLayouts.Detect(lower, rows);
        var problems = new List<ImportProblem>();
        if (layout is null)
        {
            problems.Add(new ImportProblem(1, header.Length == 0
                ? "The file is empty."
                : "No column holds dates: a spreadsheet needs a column named date (or dates in its first column)."));
            return new ImportRead { Format = ImportFormats.Spreadsheet, Separator = ImportTable.NameOf(separator), Problems = problems };
        }

        var sink = new ImportSink(header);
        foreach (var row in rows)
        {
            if (row.Fields.Length <= layout.LastColumn)
            {
                problems.Add(new ImportProblem(row.Line, $"Expected {header.Length} fields, found {row.Fields.Length}."));
                continue;
            }

            var date = row.Fields[layout.DateColumn].Trim();
            if (date.Length == 0)
            {
                sink.Skip(row.Line, "No date on this line.");
                continue;
            }

            layout.Read(row, date, sink);
        }

        return Dated(layout.Format, separator, sink, problems, answer);
    }

    /// <summary>Reads every date in one order: the one they all fit, the member's answer when both fit, else a problem.</summary>
    private static ImportRead Dated(string format, char separator, ImportSink sink, List<ImportProblem> problems, DateOrder? answer)
    {
        var texts = sink.Observations.Select(o => o.Date).Distinct(StringComparer.Ordinal).ToList();
        var (order, ambiguous) = ImportDates.OrderOf(texts);
        order ??= ambiguous ? answer : null;
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (order is { } known)
        {
            var lines = sink.Observations.GroupBy(o => o.Date, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Line, StringComparer.Ordinal);
            foreach (var text in texts)
            {
                if (ImportDates.Read(text, known) is { } day)
                {
                    dates[text] = day;
                }
                else
                {
                    problems.Add(new ImportProblem(lines[text], $"'{text}' is not a date (write dates as YYYY-MM-DD, 31/12/2024 or 31 Dec 2024)."));
                }
            }
        }
        else if (!ambiguous)
        {
            problems.Add(new ImportProblem(1, "The dates mix day-first and month-first orders (one has a day above 12 first, another second): write them all one way."));
        }

        return new ImportRead
        {
            Format = format,
            Separator = ImportTable.NameOf(separator),
            DecimalComma = sink.DecimalComma,
            DateOrder = order,
            DateOrderAsked = order is null && ambiguous,
            Observations = sink.Observations,
            Problems = [.. problems.OrderBy(p => p.Line)],
            Skipped = sink.Skipped,
            Dates = dates,
        };
    }
}

/// <summary>Where a layout puts what it reads: observations, skipped lines, and whether a decimal comma was seen.</summary>
internal sealed class ImportSink(string[] header)
{
    public string[] Header { get; } = header;

    public List<Observation> Observations { get; } = [];

    public List<ImportProblem> Skipped { get; } = [];

    public bool DecimalComma { get; private set; }

    public void Add(int line, string date, string type, string name, string raw, double? value) =>
        Observations.Add(new Observation(line, date, type, name, raw, value));

    /// <summary>A note of the day, when <paramref name="text"/> holds one.</summary>
    public void Note(int line, string date, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Observations.Add(new Observation(line, date, ImportMapping.NoteType, ImportNotes.Name, text.Trim(), null));
        }
    }

    public void Skip(int line, string reason) => Skipped.Add(new ImportProblem(line, reason));

    /// <summary>A number, noting a decimal comma.</summary>
    public double? Number(string raw)
    {
        var value = ImportValues.Number(raw, out var comma);
        DecimalComma |= comma;
        return value;
    }

    /// <summary>Yes/no words or a number, noting a decimal comma.</summary>
    public double? YesNoOrNumber(string raw)
    {
        _ = Number(raw);
        return ImportValues.YesNoOrNumber(raw);
    }
}
