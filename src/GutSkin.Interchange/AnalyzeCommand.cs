using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GutSkin.Analysis;

namespace GutSkin.Interchange;

/// <summary>
/// <c>analyze FILE.csv [--max-lag N]</c>: prints the insights document for a journal CSV, without a
/// database or a web host (for research, offline use and benchmarks). Keys outside the built-in
/// catalog count as custom habits. Bad files get the import's line-numbered errors on stderr, exit 2.
/// </summary>
public static class AnalyzeCommand
{
    public const string Usage = "analyze FILE.csv [--max-lag N]";

    /// <summary>Runs the command on its arguments (the file and options, without the word "analyze").</summary>
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? file = null;
        var maxLag = InsightsAnalyzer.DefaultMaxLag;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--max-lag" && i + 1 < args.Length
                && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out maxLag) && maxLag <= InsightsAnalyzer.MaxLagLimit)
            {
                i++;
            }
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                file = args[i];
            }
            else
            {
                stderr.WriteLine($"Usage: {Usage}   (N from 0 to {InsightsAnalyzer.MaxLagLimit})");
                return 2;
            }
        }

        if (file is null || !File.Exists(file))
        {
            stderr.WriteLine(file is null ? $"Usage: {Usage}" : $"{file}: no such file.");
            return 2;
        }

        var builtIn = BuiltInCatalog.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var custom = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        CatalogItem? Resolve(string key)
        {
            if (builtIn.TryGetValue(key, out var item) || custom.TryGetValue(key, out item))
            {
                return item;
            }

            if (!ItemKeys.IsValid(key) || key is JournalData.SkinScoreKey or JournalData.GutScoreKey)
            {
                return null;
            }

            // Any number is a fair value for a habit the catalog does not know.
            item = new CatalogItem(key, key.Replace('_', ' '), ItemGroup.Habit, ItemKind.Litres, double.MinValue, double.MaxValue);
            custom[key] = item;
            return item;
        }

        using var reader = new StreamReader(file);
        // No member, so no today: any day from 1900-01-01 on.
        var (rows, problems) = JournalCsvFormat.Parse(reader, Resolve, today: null);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"line {problem.Line}: {problem.Message}");
            }

            return 2;
        }

        var series = BuiltInCatalog.Items.Select(i => i.ToSeriesItem())
            .Concat(custom.Values.Select(i => new SeriesItem(i.Key, i.Label, ItemGroup.Habit, IsYesNo: false, Unit: "unit")));
        var journal = new JournalData([.. series], rows.ConvertAll(r => new JournalValue(r.Date, r.Item.Key, r.Value)));
        stdout.Write(JsonSerializer.Serialize(InsightsAnalyzer.Analyze(journal, maxLag, threads: Environment.ProcessorCount), AnalyzeJson.Default.InsightsReport));
        stdout.Write('\n');
        stdout.Flush();
        return 0;
    }
}

/// <summary>Source-generated, so a one-shot process needs no reflection (and Native AOT can compile it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InsightsReport))]
internal sealed partial class AnalyzeJson : JsonSerializerContext;
