using System.Globalization;
using GutSkin.Analysis;
using nietras.SeparatedValues;

namespace GutSkin.Interchange;

/// <summary>One value of a journal CSV: the line it came from, its day, its item and the value.</summary>
public readonly record struct JournalCsvRow<TItem>(int Line, DateOnly Date, TItem Item, double Value);

/// <summary>What is wrong with one line of a journal CSV (line 1 is the header).</summary>
public sealed record JournalCsvProblem(int Line, string Message);

/// <summary>
/// The journal CSV of PRODUCT.md, strictly: header exactly <c>date,item,value</c>, one logged value a row, fields
/// as written (no padding, lower-case keys, '.' decimals, see <see cref="IsNumber"/>), RFC 4180 quoting. Only a
/// UTF-8 byte-order mark, CRLF line ends and blank lines are let through. One reader for the import and the analyze
/// command, so both accept and reject exactly the same files, and rows follow the day's rules of the analysis core
/// (<see cref="DayRules"/>, <see cref="JournalDates"/>) with their messages. Sep parses (it reads spans without allocating, ten times faster than CsvHelper here,
/// which the analyze command's speed target needs); rows are checked on spans, and a key becomes a string
/// once per distinct key.
/// </summary>
public static class JournalCsvFormat
{
    public const string Header = "date,item,value";

    /// <summary>
    /// Parses every row and collects every problem, so one answer lists them all.
    /// <paramref name="resolve"/> maps a key to an item, or null when the key is unknown (it is called once
    /// per distinct key). Dates must be journal days of a member whose today is <paramref name="today"/>
    /// (without one, any date: the analyze command).
    /// </summary>
    public static (List<JournalCsvRow<TItem>> Rows, List<JournalCsvProblem> Problems) Parse<TItem>(
        TextReader reader, Func<string, TItem?> resolve, DateOnly? today)
        where TItem : class, ITrackedItem
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(resolve);
        var rows = new List<JournalCsvRow<TItem>>();
        var problems = new List<JournalCsvProblem>();
        var keys = new Dictionary<string, (int Index, TItem? Item)>(StringComparer.Ordinal);
        var keysBySpan = keys.GetAlternateLookup<ReadOnlySpan<char>>();
        // A journal usually lists each item's days in order: a day after the item's latest cannot repeat one,
        // so the dictionary of every (day, item) is only built when some item's days go backwards.
        var latestDay = new List<int>();
        var inOrder = true;
        var rowKeys = new List<int>();
        var lineProblems = new List<string>();
        var headerSeen = false;
        using var csv = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(reader);
        foreach (var record in csv)
        {
            // Sep numbers the first row's start from its end; every file's first row starts on line 1.
            var line = record.RowIndex == 0 ? 1 : record.LineNumberFrom;
            if (record.ColCount == 1 && record[0].Span.IsWhiteSpace())
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                if (string.Join(',', record[0..record.ColCount].ToStringsArray()).TrimStart('\uFEFF') != Header)
                {
                    problems.Add(new JournalCsvProblem(line, $"The first line must be the header '{Header}'."));
                    return (rows, problems);
                }

                continue;
            }

            if (record.ColCount != 3)
            {
                problems.Add(new JournalCsvProblem(line, $"Expected 3 fields (date,item,value), found {record.ColCount}."));
                continue;
            }

            lineProblems.Clear();
            var dateText = record[0].Span;
            var keyText = record[1].Span;
            var valueText = record[2].Span;
            if (!JournalDates.TryParse(dateText, out var date))
            {
                lineProblems.Add(JournalDates.NotADate(dateText));
            }
            else if (JournalDates.Check(date, today) is { } dateProblem)
            {
                lineProblems.Add(dateProblem);
            }

            if (!keysBySpan.TryGetValue(keyText, out var key))
            {
                var keyString = keyText.ToString();
                key = (keys.Count, resolve(keyString));
                keys[keyString] = key;
                latestDay.Add(int.MinValue);
            }

            if (key.Item is null)
            {
                lineProblems.Add(DayRules.UnknownItem(keyText));
            }

            var value = 0.0;
            if (!IsNumber(valueText) || !double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                lineProblems.Add($"'{valueText}' is not a number (use '.' as the decimal point).");
            }
            else if (key.Item is not null && DayRules.CheckValue(key.Item, value) is { } valueProblem)
            {
                lineProblems.Add(valueProblem);
            }

            if (lineProblems.Count > 0)
            {
                // Each rule's message is a sentence; one line's problems make one sentence.
                problems.Add(new JournalCsvProblem(line, string.Join("; ", lineProblems.Select(p => p.TrimEnd('.'))) + "."));
                continue;
            }

            inOrder &= date.DayNumber > latestDay[key.Index];
            latestDay[key.Index] = Math.Max(latestDay[key.Index], date.DayNumber);
            rows.Add(new JournalCsvRow<TItem>(line, date, key.Item!, value));
            rowKeys.Add(key.Index);
        }

        if (!headerSeen)
        {
            problems.Add(new JournalCsvProblem(1, $"The file is empty; it must start with the header '{Header}'."));
        }

        if (inOrder)
        {
            return (rows, problems);
        }

        return WithoutRepeats(rows, rowKeys, [.. keys.OrderBy(k => k.Value.Index).Select(k => k.Key)], problems);
    }

    /// <summary>A day and item given twice is a problem on the later line, which names the earlier one.</summary>
    private static (List<JournalCsvRow<TItem>> Rows, List<JournalCsvProblem> Problems) WithoutRepeats<TItem>(
        List<JournalCsvRow<TItem>> rows, List<int> rowKeys, string[] keyTexts, List<JournalCsvProblem> problems)
    {
        var firstLine = new Dictionary<(int Day, int Key), int>();
        var kept = new List<JournalCsvRow<TItem>>(rows.Count);
        var repeats = new List<JournalCsvProblem>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (firstLine.TryGetValue((row.Date.DayNumber, rowKeys[i]), out var earlier))
            {
                repeats.Add(new JournalCsvProblem(row.Line, $"{JournalDates.ToText(row.Date)} {keyTexts[rowKeys[i]]} was already given on line {earlier}."));
                continue;
            }

            firstLine[(row.Date.DayNumber, rowKeys[i])] = row.Line;
            kept.Add(row);
        }

        // Both lists are in line order, and so is the answer.
        return (kept, [.. problems.Concat(repeats).OrderBy(p => p.Line)]);
    }
    /// <summary>
    /// A value as the format writes it: <c>-?digits[.digits]</c>, optionally with an exponent <c>e±digits</c> (the
    /// shortest round-trip form the export writes for values such as 1E-05). No sign '+', no spaces, no thousands
    /// separators, no "Infinity".
    /// </summary>
    public static bool IsNumber(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var integer = Digits(text, ref i);
        if (integer == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            i += i < text.Length && text[i] is '+' or '-' ? 1 : 0;
            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int Digits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
