using BenchmarkDotNet.Attributes;
using GutSkin.Analysis;
using GutSkin.Interchange.Importing;
using GutSkin.Testing;

namespace GutSkin.Benchmarks;

/// <summary>
/// A three-year Bearable export of about 50,000 rows (1,100 days, 45 rows a day, 4.4 MB), as <c>POST /api/import/preview</c>
/// and <c>POST /api/import</c> read and map it before any database work: the preview reads, proposes and plans with the
/// proposal; the import reads and plans with a given mapping.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private static readonly DateOnly Today = new(2029, 12, 31);
    private string _text = null!;
    private List<ImportEntry> _mapping = null!;
    private Dictionary<string, ITrackedItem> _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = ImportFixtures.Bearable(days: 1100, extraSymptoms: 33).Text;
        var read = ImportReader.Read(_text);
        _mapping = Propose(read);
        _items = BuiltInCatalog.Items.ToDictionary(i => i.Key, i => (ITrackedItem)i, StringComparer.Ordinal);
        foreach (var m in _mapping.Select(e => e.Mapping).Where(m => m.Action == ImportMapping.ToNew))
        {
            _ = ItemKinds.TryParse(m.Kind, out var kind);
            _items[m.Item!] = new CatalogItem(m.Item!, m.Label!, Enum.Parse<ItemGroup>(m.Group!, ignoreCase: true), kind, m.Min!.Value, m.Max!.Value);
        }

        Console.WriteLine($"// Bearable export: {read.Observations.Count + read.Skipped.Count} rows read, {_text.Length / 1024} KiB, {_mapping.Count} things");
    }

    private static List<ImportEntry> Propose(ImportRead read)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return ImportProposer.Propose(read, [.. BuiltInCatalog.Items], name => ImportSynonyms.Normalise(name).Replace(' ', '_') is var key && taken.Add(key) ? key : null);
    }

    [Benchmark(Description = "Import preview: read, propose, plan (50,000-row Bearable export)")]
    public int Preview()
    {
        var read = ImportReader.Read(_text);
        var entries = Propose(read);
        return ImportPlanner.Plan(read, entries, _items.GetValueOrDefault, Today).Values + entries.Count;
    }

    [Benchmark(Description = "Import: read and plan a given mapping (50,000-row Bearable export)")]
    public int Import() => ImportPlanner.Plan(ImportReader.Read(_text), _mapping, _items.GetValueOrDefault, Today).Values;
}
