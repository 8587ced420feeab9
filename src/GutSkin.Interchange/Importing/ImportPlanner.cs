using GutSkin.Analysis;

namespace GutSkin.Interchange.Importing;

/// <summary>
/// What an import would write: each day's values by item key and its note, the lines skipped and why, and the lines
/// that break a rule (a file with any imports nothing). <see cref="FirstLine"/> names the line a day's first value or
/// note came from.
/// </summary>
public sealed class ImportPlan
{
    public SortedDictionary<DateOnly, Dictionary<string, double>> Days { get; } = [];

    /// <summary>Each day's note: its notes in the file joined line by line, shortened to fit when too long.</summary>
    public SortedDictionary<DateOnly, string> Notes { get; } = [];

    /// <summary>The days whose notes were too long together and were shortened to fit.</summary>
    public HashSet<DateOnly> Shortened { get; } = [];

    /// <summary>Every day the plan writes, with values or a note or both, in date order.</summary>
    public IReadOnlyList<DateOnly> Dates => [.. Days.Keys.Union(Notes.Keys).Order()];

    public List<ImportProblem> Problems { get; } = [];

    public List<ImportProblem> Skipped { get; } = [];

    public Dictionary<DateOnly, int> FirstLine { get; } = [];

    public int Values => Days.Values.Sum(d => d.Count);
}

/// <summary>
/// Applies a mapping to what was read: each value converted (× multiply + add), a day's values of one item combined by
/// the rule of the item's first mapping, rounded for kinds of whole numbers, and checked against the item's range and
/// the journal's dates (<see cref="DayRules"/>, <see cref="JournalDates"/>), every problem with its line.
/// </summary>
public static class ImportPlanner
{
    private sealed class Cell(int line, string combine, double value)
    {
        public int Line { get; } = line;
        public double Value { get; set; } = combine == ImportCombine.Any ? (value > 0 ? 1 : 0) : value;
        public int Count { get; set; } = 1;

        public void Add(double value)
        {
            Count++;
            Value = combine switch
            {
                ImportCombine.Max => Math.Max(Value, value),
                ImportCombine.Sum or ImportCombine.Mean => Value + value,
                ImportCombine.Any => Value > 0 || value > 0 ? 1 : 0,
                _ => value,
            };
        }

        public double Result => combine == ImportCombine.Mean ? Value / Count : Value;
    }

    /// <summary>
    /// The plan for <paramref name="read"/> under <paramref name="entries"/> (matched by type and name; a thing not in
    /// them is skipped). <paramref name="resolve"/> finds the item a mapping names (existing or new); dates must be
    /// journal days of a member whose today is <paramref name="today"/>.
    /// </summary>
    public static ImportPlan Plan(ImportRead read, IReadOnlyList<ImportEntry> entries, Func<string, ITrackedItem?> resolve, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(resolve);
        var plan = new ImportPlan();
        plan.Skipped.AddRange(read.Skipped);
        var mappings = entries.GroupBy(e => e.Thing).ToDictionary(g => g.Key, g => g.First().Mapping);
        var cells = new Dictionary<(DateOnly, string), Cell>();
        var notes = new Dictionary<DateOnly, (int Line, List<string> Texts)>();
        var items = new Dictionary<string, ITrackedItem?>(StringComparer.Ordinal);
        foreach (var o in read.Observations)
        {
            if (!read.Dates.TryGetValue(o.Date, out var day))
            {
                continue;
            }

            var mapping = mappings.GetValueOrDefault((o.Type, o.Name));
            if (mapping is null || mapping.Action == ImportMapping.Skip)
            {
                plan.Skipped.Add(new ImportProblem(o.Line, mapping is null ? $"{o.Name}: not in the mapping." : $"{o.Name}: skipped."));
                continue;
            }

            if (o.Type == ImportMapping.NoteType)
            {
                AddNote(plan, notes, o, day, today);
                continue;
            }

            if (!items.TryGetValue(mapping.Item!, out var item))
            {
                items[mapping.Item!] = item = resolve(mapping.Item!);
            }

            if (Problem(o, day, mapping.Item!, item, today) is { } problem)
            {
                plan.Problems.Add(new ImportProblem(o.Line, problem));
                continue;
            }

            var value = (o.Value!.Value * mapping.Multiply) + mapping.Add;
            if (cells.TryGetValue((day, item!.Key), out var cell))
            {
                cell.Add(value);
            }
            else
            {
                cells[(day, item.Key)] = new Cell(o.Line, mapping.Combine, value);
                plan.FirstLine.TryAdd(day, o.Line);
            }
        }

        Finish(plan, cells, items);
        FinishNotes(plan, notes);
        return plan;
    }

    private static void AddNote(ImportPlan plan, Dictionary<DateOnly, (int Line, List<string> Texts)> notes, Observation o, DateOnly day, DateOnly today)
    {
        if (JournalDates.Check(day, today) is { } problem)
        {
            plan.Problems.Add(new ImportProblem(o.Line, problem));
        }
        else if (notes.TryGetValue(day, out var note))
        {
            note.Texts.Add(o.Raw);
        }
        else
        {
            notes[day] = (o.Line, [o.Raw]);
        }
    }

    /// <summary>Each day's notes joined, shortened to fit, and checked by the note's rule (no NUL).</summary>
    private static void FinishNotes(ImportPlan plan, Dictionary<DateOnly, (int Line, List<string> Texts)> notes)
    {
        foreach (var (day, (line, texts)) in notes)
        {
            var (note, shortened) = ImportNotes.Join(texts);
            if (DayRules.CheckNote(note) is { } problem)
            {
                plan.Problems.Add(new ImportProblem(line, $"{JournalDates.ToText(day)}: {problem}"));
                continue;
            }

            plan.Notes[day] = note;
            if (shortened)
            {
                plan.Shortened.Add(day);
            }

            plan.FirstLine[day] = Math.Min(plan.FirstLine.GetValueOrDefault(day, line), line);
        }

        plan.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
    }

    private static string? Problem(Observation o, DateOnly day, string key, ITrackedItem? item, DateOnly today) =>
        item is null ? DayRules.UnknownItem(key)
        : o.Value is null ? $"{o.Name}: '{o.Raw}' is not a number."
        : JournalDates.Check(day, today);

    /// <summary>Each day's values, rounded where the kind takes whole numbers and checked against the item's range.</summary>
    private static void Finish(ImportPlan plan, Dictionary<(DateOnly Day, string Key), Cell> cells, Dictionary<string, ITrackedItem?> items)
    {
        var byKey = items.Values.OfType<ITrackedItem>().DistinctBy(i => i.Key).ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var ((day, key), cell) in cells)
        {
            var item = byKey[key];
            var value = item.Kind.IsWholeNumber ? Math.Round(cell.Result, MidpointRounding.AwayFromZero) : cell.Result;
            if (DayRules.CheckValue(item, value) is { } problem)
            {
                plan.Problems.Add(new ImportProblem(cell.Line, $"{JournalDates.ToText(day)}: {value:0.###} after conversion, but {problem}"));
                continue;
            }

            if (!plan.Days.TryGetValue(day, out var values))
            {
                plan.Days[day] = values = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            values[key] = value;
        }

        plan.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        plan.Skipped.Sort((a, b) => a.Line.CompareTo(b.Line));
    }
}
