using System.Globalization;
using System.Text;
using System.Text.Json;
using GutSkin.Interchange;

namespace GutSkin.Analyze.Tests;

/// <summary>Runs alone: it counts the bytes the whole process allocates, on every thread the command uses.</summary>
[CollectionDefinition(nameof(FarApartDaysTests), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(FarApartDaysTests))]
public sealed class FarApartDaysTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void AJournalOnYear1AndYear9999_IsAnalysedWithSmallMemory()
    {
        // Once 654 MiB: a dense array per item over every calendar day from year 1 to year 9999.
        var csv = new StringBuilder("date,item,value\n");
        for (var i = 0; i < 60; i++)
        {
            var day = i < 30 ? DateOnly.MinValue.AddDays(i) : DateOnly.MaxValue.AddDays(i - 59);
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},sugary_foods,{(i * 7) % 5}\n{day:yyyy-MM-dd},breakouts,{(i * 3) % 8}\n");
        }

        File.WriteAllText(_file, csv.ToString());
        var stdout = new StringWriter();
        AnalyzeCommand.Run([_file], new StringWriter(), new StringWriter());

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var exit = AnalyzeCommand.Run([_file], stdout, new StringWriter());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(0, exit);
        Assert.InRange(allocated, 0, 16 * 1024 * 1024);
        var pair = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("associations").EnumerateArray()
            .First(a => a.GetProperty("factor").GetString() == "sugary_foods" && a.GetProperty("outcome").GetString() == "breakouts");
        Assert.Equal(60, pair.GetProperty("n").GetInt32());
    }
}
