using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GutSkin.Analysis;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using AnalysisValue = GutSkin.Analysis.JournalValue;

namespace GutSkin.Web.Features.Insights;

/// <summary>
/// <c>analyze FILE.csv [--max-lag N]</c>: prints the insights document for a journal CSV, without a
/// database or a web host (for research, offline use and benchmarks). Keys outside the built-in
/// catalog count as custom habits. Bad files get the import's line-numbered errors on stderr, exit 2.
/// </summary>
public static class AnalyzeCommand
{
    public static bool Matches(string[] args) => args is ["analyze", ..];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var maxLag = InsightsAnalyzer.DefaultMaxLag;
        for (var i = 1; i < args.Length; i++)
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
                stderr.WriteLine($"Usage: analyze FILE.csv [--max-lag N]   (N from 0 to {InsightsAnalyzer.MaxLagLimit})");
                return 2;
            }
        }

        if (file is null || !File.Exists(file))
        {
            stderr.WriteLine(file is null ? "Usage: analyze FILE.csv [--max-lag N]" : $"{file}: no such file.");
            return 2;
        }

        var builtIn = Catalog.BuiltIn.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var custom = new Dictionary<string, TrackedItem>(StringComparer.Ordinal);
        TrackedItem? Resolve(string key)
        {
            if (builtIn.TryGetValue(key, out var item) || custom.TryGetValue(key, out item))
            {
                return item;
            }

            if (!ItemService.IsValidKey(key) || key is JournalData.SkinScoreKey or JournalData.GutScoreKey)
            {
                return null;
            }

            item = new TrackedItem { Key = key, Label = key.Replace('_', ' '), Group = ItemGroup.Habit, Kind = ItemKind.Litres, Min = double.MinValue, Max = double.MaxValue, Unit = "unit" };
            custom[key] = item;
            return item;
        }

        using var reader = new StreamReader(file);
        var (rows, errors) = JournalCsv.Parse(reader, Resolve, latestAllowed: null);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine($"line {error.Line}: {error.Message}");
            }

            return 2;
        }

        var items = Catalog.BuiltIn.Concat(custom.Values).Select(InsightsService.ToSeries).ToList();
        var journal = new JournalData(items, rows.Select(r => new AnalysisValue(r.Date, r.Item.Key, r.Value)));
        stdout.Write(JsonSerializer.Serialize(InsightsAnalyzer.Analyze(journal, maxLag), AnalyzeJson.Default.InsightsReport));
        stdout.Write('\n');
        stdout.Flush();
        return 0;
    }
}

/// <summary>Source-generated, so a one-shot process does not pay for reflection-based serialisation.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InsightsReport))]
internal sealed partial class AnalyzeJson : JsonSerializerContext;
