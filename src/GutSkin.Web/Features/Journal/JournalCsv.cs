using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using GutSkin.Web.Features.Items;

namespace GutSkin.Web.Features.Journal;

public readonly record struct CsvRow(int Line, DateOnly Date, TrackedItem Item, double Value);

/// <summary>The journal CSV of PRODUCT.md: header <c>date,item,value</c>, one logged value a row, '.' decimals.</summary>
public static class JournalCsv
{
    public const string Header = "date,item,value";

    /// <summary>
    /// Parses every row and collects every problem, so one answer lists them all.
    /// <paramref name="resolve"/> maps a key to an item, or null when the key is unknown.
    /// </summary>
    public static (List<CsvRow> Rows, List<ImportError> Errors) Parse(TextReader reader, Func<string, TrackedItem?> resolve, DateOnly? latestAllowed)
    {
        var rows = new List<CsvRow>();
        var errors = new List<ImportError>();
        var seen = new Dictionary<(DateOnly, string), int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, DetectColumnCountChanges = false, BadDataFound = null };
        using var parser = new CsvParser(reader, config);
        var headerSeen = false;
        while (parser.Read())
        {
            var line = parser.RawRow;
            var record = parser.Record ?? [];
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                var header = string.Join(',', record.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()));
                if (header != Header)
                {
                    errors.Add(new ImportError(line, $"The first line must be the header '{Header}'."));
                    return (rows, errors);
                }

                continue;
            }

            if (record.Length != 3)
            {
                errors.Add(new ImportError(line, $"Expected 3 fields (date,item,value), found {record.Length}."));
                continue;
            }

            var problems = new List<string>();
            var dateText = record[0].Trim();
            var key = record[1].Trim();
            var valueText = record[2].Trim();
            if (!JournalService.TryParseDate(dateText, out var date))
            {
                problems.Add($"'{dateText}' is not a date (YYYY-MM-DD)");
            }
            else if (latestAllowed is { } latest && date > latest)
            {
                problems.Add($"{dateText} is in the future");
            }

            var item = resolve(key);
            if (item is null)
            {
                problems.Add($"'{key}' is not one of your tracked items");
            }

            if (!double.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add($"'{valueText}' is not a number (use '.' as the decimal point)");
            }
            else if (item is not null && ItemKinds.Check(item, value) is { } rangeProblem)
            {
                problems.Add($"{key} {rangeProblem}");
            }

            if (problems.Count == 0 && seen.TryGetValue((date, key), out var earlier))
            {
                problems.Add($"{dateText} {key} was already given on line {earlier}");
            }

            if (problems.Count > 0)
            {
                errors.Add(new ImportError(line, string.Join("; ", problems) + "."));
                continue;
            }

            seen[(date, key)] = line;
            rows.Add(new CsvRow(line, date, item!, value));
        }

        if (!headerSeen)
        {
            errors.Add(new ImportError(1, $"The file is empty; it must start with the header '{Header}'."));
        }

        return (rows, errors);
    }

    public static void Write(TextWriter writer, IEnumerable<DayResponse> days)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var day in days)
        {
            foreach (var (key, value) in day.Values)
            {
                writer.Write(day.Date);
                writer.Write(',');
                writer.Write(key);
                writer.Write(',');
                writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }
    }
}
