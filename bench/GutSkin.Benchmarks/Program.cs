using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GutSkin.Benchmarks;
using GutSkin.Testing;

// `--write-csv FILE [DAYS]` writes the benchmark's journal (730 days unless DAYS is given; 40 items) as a journal
// CSV, for timing other implementations (e.g. Fixtures/reference.py analyze, the app's analyze command) on exactly the same data.
if (args is ["--write-csv", var path, ..])
{
    var days = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 730;
    var (_, values) = SyntheticJournal.Values(days: days, habits: 30, skin: 6, gut: 4, seed: 42);
    using var writer = new StreamWriter(path);
    writer.WriteLine("date,item,value");
    foreach (var v in values)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{v.Date:yyyy-MM-dd},{v.Key},{v.Value}"));
    }

    return 0;
}

// `--write-bearable FILE` writes the import benchmark's Bearable export (1,100 days to 2026-06-05, about 50,000 rows), for
// timing POST /api/import/preview and POST /api/import against the running app (bench/load/import.sh).
if (args is ["--write-bearable", var bearable, ..])
{
    File.WriteAllText(bearable, ImportFixtures.Bearable(days: 1100, extraSymptoms: 33, start: new DateOnly(2023, 6, 1)).Text);
    return 0;
}

// `--write-photo FILE` writes the photo benchmarks' 12-megapixel JPEG, for bench/load/photos.sh.
if (args is ["--write-photo", var photo, ..])
{
    File.WriteAllBytes(photo, PhotoSamples.Jpeg(4000, 3000));
    return 0;
}

// In-process: a generated benchmark project would inherit the repository's warnings-as-errors build.
// One launch, 5 warm-ups and 15 iterations: steadier than ShortRun's 3, and a full run still takes about a minute
// on a 2-core machine.
var job = Job.ShortRun.WithWarmupCount(5).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("Modest");
var config = DefaultConfig.Instance.AddJob(job);
BenchmarkSwitcher.FromAssembly(typeof(InsightsBenchmarks).Assembly).Run(args, config);
return 0;
