using BenchmarkDotNet.Attributes;
using GutSkin.Analysis;
using GutSkin.Testing;

namespace GutSkin.Benchmarks;

/// <summary>An A–B experiment over a year (182 baseline days, 183 intervention days, 14 onset days), as
/// <c>GET /api/experiments/{id}/result</c> computes it, from a journal and from plain series.</summary>
[MemoryDiagnoser]
public class ExperimentBenchmarks
{
    private JournalData _journal = null!;
    private IReadOnlyDictionary<DateOnly, double> _outcome = null!;
    private IReadOnlyDictionary<DateOnly, double> _intervention = null!;
    private ExperimentDesign _design = null!;

    [GlobalSetup]
    public void Setup()
    {
        _journal = SyntheticJournal.Create(days: 365, habits: 10, skin: 6, gut: 4, seed: 7);
        _outcome = _journal.ToDictionary("redness");
        _intervention = _journal.ToDictionary("probiotic_supplement");
        var start = SyntheticJournal.Start;
        _design = ExperimentDesign.AB(start, start.AddDays(182), start.AddDays(364), onsetDays: 14);
    }

    [Benchmark(Description = "Experiment, one year, from series")]
    public ExperimentResult FromSeries() => ExperimentAnalyzer.Analyze(_outcome, _intervention, _design);

    [Benchmark(Description = "Experiment, one year, from JournalData")]
    public ExperimentResult FromJournal() => ExperimentAnalyzer.Analyze(_journal, "redness", "probiotic_supplement", _design);
}
