using BenchmarkDotNet.Attributes;
using GutSkin.Analysis;
using GutSkin.Testing;

namespace GutSkin.Benchmarks;

/// <summary>
/// The full insights scan the web app runs for <c>GET /api/insights</c>: 730 days, 30 habits (10 built-in, 20
/// custom), 6 skin items + skin_score and 4 gut items + gut_score as outcomes (12), lags 0–3:
/// (30 × 12 + 5 × 7) pairs × 4 lags = 1,580 planned tests.
/// </summary>
[MemoryDiagnoser]
public class InsightsBenchmarks
{
    private List<SeriesItem> _items = [];
    private List<JournalValue> _values = [];
    private JournalData _journal = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_items, _values) = SyntheticJournal.Values(days: 730, habits: 30, skin: 6, gut: 4, seed: 42);
        _journal = new JournalData(_items, _values);
    }

    [Benchmark(Description = "Analyze 730 d × 30 habits × 12 outcomes, lags 0-3")]
    public InsightsReport Analyze() => InsightsAnalyzer.Analyze(_journal, maxLag: 3);

    [Benchmark(Description = "Build JournalData (730 d, 40 items)")]
    public JournalData BuildJournal() => new(_items, _values);
}
