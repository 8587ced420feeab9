using System.Globalization;
using GutSkin.Interchange;
using GutSkin.Web.Features.Items;

namespace GutSkin.Web.Features.Journal;

/// <summary>The journal CSV of PRODUCT.md: header <c>date,item,value</c>, one logged value a row, '.' decimals.</summary>
public static class JournalCsv
{
    public const string Header = JournalCsvFormat.Header;

    /// <summary>
    /// Parses every row and collects every problem, so one answer lists them all (the same reader as the
    /// analyze command's). <paramref name="resolve"/> maps a key to an item, or null when the key is unknown.
    /// </summary>
    public static (List<JournalCsvRow<TrackedItem>> Rows, List<ImportError> Errors) Parse(TextReader reader, Func<string, TrackedItem?> resolve, DateOnly today)
    {
        var (rows, problems) = JournalCsvFormat.Parse(reader, resolve, today);
        return (rows, [.. problems.Select(p => new ImportError(p.Line, p.Message))]);
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
