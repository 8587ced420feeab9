namespace GutSkin.Interchange.Importing;

/// <summary>How one format's rows are read: its date column, the last column a row needs, and the reading of a row.</summary>
internal sealed record ImportLayout(string Format, int DateColumn, int LastColumn, Action<ImportRow, string, ImportSink> Read);

/// <summary>The formats, recognised by their headers, and how each reads its rows into observations.</summary>
internal static class ImportLayouts
{
    private static readonly Dictionary<string, double> DaylioMoods = new(StringComparer.Ordinal)
    {
        ["rad"] = 5, ["good"] = 4, ["meh"] = 3, ["bad"] = 2, ["awful"] = 1,
    };

    private static readonly HashSet<string> BearableTexts = ["food diary", "gratitudes", "journal", "food"];

    private static readonly string[] NameHeaders = ["item", "name", "what", "thing", "symptom", "variable", "measure", "metric", "key"];
    private static readonly string[] ValueHeaders = ["value", "amount", "rating", "score", "count", "level"];

    /// <summary>The layout of a header (lower case), or null when no column holds dates.</summary>
    public static ImportLayout? Detect(string[] h, List<ImportRow> rows)
    {
        // The column whose header names one of the names, or -1.
        int Col(params string[] names) => Array.FindIndex(h, c => names.Contains(c, StringComparer.Ordinal));
        if (Col("checkin_date") is var fd and >= 0 && Col("trackable_type") >= 0 && Col("trackable_name") >= 0 && Col("trackable_value") >= 0)
        {
            return Flaredown(fd, Col("trackable_type"), Col("trackable_name"), Col("trackable_value"));
        }

        if (Col("category") >= 0 && Col("rating/amount") >= 0 && Col("detail") >= 0 && (Col("date formatted") is >= 0 || Col("date") >= 0))
        {
            return Bearable(Col("date formatted") is var f and >= 0 ? f : Col("date"), Col("category"), Col("rating/amount"), Col("detail"), Col("notes"));
        }

        if (Col("full_date") is var dd and >= 0 && Col("mood") >= 0 && Col("activities") >= 0)
        {
            return Daylio(dd, Col("mood"), Col("activities"), Col("note_title"), Col("note"));
        }

        var date = DateColumn(h, rows);
        if (date < 0)
        {
            return null;
        }

        var gutskin = h is ["date", "item", "value"];
        var (name, value, note) = (Col(NameHeaders), Col(ValueHeaders), Col("note", "notes"));
        return name >= 0 && value >= 0
            ? Long(gutskin ? ImportFormats.GutSkin : ImportFormats.Spreadsheet, date, name, value, note)
            : Wide(date, h.Length, note);
    }

    /// <summary>The column named like a date, else the first column when its first value is a date, else -1.</summary>
    private static int DateColumn(string[] h, List<ImportRow> rows)
    {
        var named = Array.FindIndex(h, c => c.Contains("date", StringComparison.Ordinal) || c is "day" or "datum" or "fecha");
        return named >= 0 ? named
            : h.Length > 0 && rows.Count > 0 && ImportDates.LooksLikeDate(rows[0].Fields[0]) ? 0
            : -1;
    }

    private static ImportLayout Flaredown(int date, int type, int name, int value) =>
        new(ImportFormats.Flaredown, date, Math.Max(Math.Max(date, type), Math.Max(name, value)), (row, day, sink) =>
        {
            var kind = row.Fields[type].Trim().ToLowerInvariant();
            var raw = row.Fields[value].Trim();
            var what = row.Fields[name].Trim();
            if (kind is "tag" or "food" or "treatment")
            {
                // A tag or a food is there or not; a treatment's dose is free text ("3 x 5mg"): taken that day.
                sink.Add(row.Line, day, kind, what, raw, 1);
            }
            else if (raw.Length == 0)
            {
                sink.Skip(row.Line, $"{what}: no value.");
            }
            else
            {
                sink.Add(row.Line, day, kind, what, raw, sink.Number(raw));
            }
        });

    /// <summary>A Bearable row: its category's value, and the row's note (the notes column) when it has one.</summary>
    private static ImportLayout Bearable(int date, int category, int rating, int detail, int notes) =>
        new(ImportFormats.Bearable, date, Math.Max(Math.Max(date, category), Math.Max(rating, detail)), (row, day, sink) =>
        {
            sink.Note(row.Line, day, Field(row, notes));
            var written = row.Fields[category].Trim();
            var kind = written.ToLowerInvariant();
            var raw = row.Fields[rating].Trim();
            var text = row.Fields[detail].Trim();
            switch (kind)
            {
                case "symptom" or "symptoms" when raw.Length > 0:
                    sink.Add(row.Line, day, "symptom", WithoutBrackets(text), raw, sink.Number(raw));
                    break;
                case "sleep" when raw.Length > 0:
                    sink.Add(row.Line, day, "sleep", written, raw, ImportValues.Hours(raw));
                    break;
                case "water" when raw.Length > 0:
                    sink.Add(row.Line, day, "water", written, raw, ImportValues.Litres(raw));
                    break;
                case "meds/supplements" or "medication" or "medications" when text.Length > 0:
                    sink.Add(row.Line, day, "medication", WithoutBrackets(text), raw, 1);
                    break;
                case "notes" or "note":
                    sink.Note(row.Line, day, text);
                    break;
                case var t when BearableTexts.Contains(t):
                    sink.Skip(row.Line, $"{written}: a diary text, not a value.");
                    break;
                default:
                    BearableOther(row.Line, day, written, raw, text, sink);
                    break;
            }
        });

    /// <summary>A rating (mood, energy, sleep quality, a custom rating) or a list of factors ("Home | Walk").</summary>
    private static void BearableOther(int line, string day, string category, string raw, string text, ImportSink sink)
    {
        if (raw.Length > 0)
        {
            var name = category.Contains("rating", StringComparison.OrdinalIgnoreCase) && text.Length > 0 ? WithoutBrackets(text) : category;
            sink.Add(line, day, category.ToLowerInvariant(), name, raw, sink.Number(raw));
        }
        else if (text.Length > 0)
        {
            foreach (var factor in Split(text))
            {
                sink.Add(line, day, category.ToLowerInvariant(), factor, factor, 1);
            }
        }
        else
        {
            sink.Skip(line, $"{category}: no value.");
        }
    }

    /// <summary>A Daylio entry: its mood, its activities, and its note (the title on the first line, then the note).</summary>
    private static ImportLayout Daylio(int date, int mood, int activities, int noteTitle, int note) =>
        new(ImportFormats.Daylio, date, Math.Max(date, Math.Max(mood, activities)), (row, day, sink) =>
        {
            sink.Note(row.Line, day, string.Join('\n', new[] { Field(row, noteTitle), Field(row, note) }.Where(t => t.Length > 0)));
            var feeling = row.Fields[mood].Trim();
            if (DaylioMoods.TryGetValue(feeling.ToLowerInvariant(), out var level))
            {
                sink.Add(row.Line, day, "mood", "Mood", feeling, level);
            }
            else if (feeling.Length > 0)
            {
                // A mood the member renamed or added: the export gives only its name, not its level.
                sink.Add(row.Line, day, "mood", $"Mood: {feeling}", feeling, 1);
            }

            foreach (var activity in Split(row.Fields[activities]))
            {
                sink.Add(row.Line, day, "activity", activity, activity, 1);
            }
        });

    private static ImportLayout Long(string format, int date, int name, int value, int note) =>
        new(format, date, Math.Max(date, Math.Max(name, value)), (row, day, sink) =>
        {
            sink.Note(row.Line, day, Field(row, note));
            var what = row.Fields[name].Trim();
            var raw = row.Fields[value].Trim();
            if (what.Length == 0 || raw.Length == 0)
            {
                if (Field(row, note).Length == 0)
                {
                    sink.Skip(row.Line, what.Length == 0 ? "No name on this line." : $"{what}: no value.");
                }

                return;
            }

            sink.Add(row.Line, day, format == ImportFormats.GutSkin ? "item" : "value", what, raw, sink.YesNoOrNumber(raw));
        });

    /// <summary>A column per thing; the column named note or notes is the day's note.</summary>
    private static ImportLayout Wide(int date, int columns, int note) =>
        new(ImportFormats.Spreadsheet, date, date, (row, day, sink) =>
        {
            sink.Note(row.Line, day, Field(row, note));
            for (var i = 0; i < Math.Min(columns, row.Fields.Length); i++)
            {
                var raw = row.Fields[i].Trim();
                // An empty cell is a value not logged: missing, never zero.
                if (i != date && i != note && raw.Length > 0 && sink.Header[i].Trim().Length > 0)
                {
                    sink.Add(row.Line, day, "column", sink.Header[i].Trim(), raw, sink.YesNoOrNumber(raw));
                }
            }
        });

    /// <summary>A column's text on a row, trimmed; empty when the file has no such column or the row is short.</summary>
    private static string Field(ImportRow row, int column) => column >= 0 && column < row.Fields.Length ? row.Fields[column].Trim() : "";

    private static string[] Split(string list) =>
        list.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"Headache (Moderate)" is Headache; "Paracetamol (mg)" is Paracetamol.</summary>
    private static string WithoutBrackets(string text)
    {
        var open = text.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && text.EndsWith(')') ? text[..open].Trim() : text;
    }
}
