using nietras.SeparatedValues;

namespace GutSkin.Interchange.Importing;

/// <summary>One row of an uploaded table: the line it starts on and its fields, unquoted.</summary>
public sealed record ImportRow(int Line, string[] Fields);

/// <summary>What is wrong with one line of an uploaded file (line 1 is the header).</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>
/// Any delimited text an app or a spreadsheet exports, read as a table: the separator (comma, semicolon or tab) is the
/// one the header line uses most outside quotes, a UTF-8 byte-order mark and CRLF line ends are let through, quoted
/// fields may hold separators, quotes and line breaks (RFC 4180). Cells are text and stay text: a cell such as
/// <c>=1+2</c> is never evaluated. Sep reads the rows.
/// </summary>
public static class ImportTable
{
    /// <summary>The separators recognised, with the word the preview shows.</summary>
    public static IReadOnlyList<(char Separator, string Name)> Separators { get; } = [(',', "comma"), (';', "semicolon"), ('\t', "tab")];

    /// <summary>The header's fields (trimmed) and every non-blank row after it.</summary>
    public static (string[] Header, List<ImportRow> Rows, char Separator) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        var separator = Sniff(text);
        var rows = new List<ImportRow>();
        string[]? header = null;
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, DisableQuotesParsing = false }).FromText(text);
        foreach (var record in reader)
        {
            if (record.ColCount == 1 && record[0].Span.IsWhiteSpace())
            {
                continue;
            }

            var fields = record[0..record.ColCount].ToStringsArray();
            if (header is null)
            {
                header = [.. fields.Select(f => f.Trim())];
                continue;
            }

            rows.Add(new ImportRow(record.RowIndex == 0 ? 1 : record.LineNumberFrom, fields));
        }

        return (header ?? [], rows, separator);
    }

    /// <summary>The word for a separator: comma, semicolon or tab.</summary>
    public static string NameOf(char separator) => Separators.First(s => s.Separator == separator).Name;

    /// <summary>The separator the first line uses most, outside quotes; a comma when it uses none.</summary>
    public static char Sniff(string text)
    {
        var counts = new int[Separators.Count];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] += c == Separators[i].Separator ? 1 : 0;
                }
            }
        }

        return Separators[Array.IndexOf(counts, counts.Max())].Separator;
    }
}
