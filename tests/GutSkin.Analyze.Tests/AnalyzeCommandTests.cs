using System.Text.Json;

namespace GutSkin.Analyze.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private (int Exit, string Stdout, string Stderr) Run(string csv, params string[] options)
    {
        File.WriteAllText(_file, csv);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = AnalyzeCommand.Run([_file, .. options], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void ABadFile_ListsEveryBadLineOnStderr_WithExitCode2_AndPrintsNothing()
    {
        var (exit, stdout, stderr) = Run("date,item,value\n2026-01-01,redness,3\n2026-01-02,redness,11\n2026-02-30,bloating,2\n2026-01-03,Bad Key,1\n");
        Assert.Equal(2, exit);
        Assert.Equal(
            "line 3: redness must be between 0 and 10.\nline 4: '2026-02-30' is not a date (YYYY-MM-DD).\nline 5: 'Bad Key' is not one of your tracked items.\n",
            stderr.ReplaceLineEndings("\n"));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void CustomKeys_CountAsHabits_WithAnyNumber()
    {
        var csv = "date,item,value\n" + string.Concat(Enumerable.Range(0, 40).Select(d =>
        {
            var date = new DateOnly(2026, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return $"{date},late_snacks,{(d % 5) - 1.5}\n{date},breakouts,{d % 7}\n";
        }));
        var (exit, stdout, _) = Run(csv, "--max-lag", "2");
        Assert.Equal(0, exit);
        var doc = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, doc.GetProperty("maxLag").GetInt32());
        Assert.Equal(
            [0, 1, 2],
            doc.GetProperty("associations").EnumerateArray()
                .Where(a => a.GetProperty("factor").GetString() == "late_snacks" && a.GetProperty("outcome").GetString() == "breakouts")
                .Select(a => a.GetProperty("lagDays").GetInt32()));
    }

    [Theory]
    [InlineData("skin_score")]
    [InlineData("gut_score")]
    public void DerivedScoreKeys_CannotBeLogged(string key)
    {
        var (exit, _, stderr) = Run($"date,item,value\n2026-01-01,{key},3\n");
        Assert.Equal(2, exit);
        Assert.Equal($"line 2: '{key}' is not one of your tracked items.", stderr.Trim());
    }

    [Theory]
    [InlineData("--max-lag", "15")]
    [InlineData("--max-lag", "-1")]
    [InlineData("--max-lag", "x")]
    [InlineData("--unknown")]
    [InlineData("a.csv", "b.csv")]
    public void BadArguments_PrintTheUsage_WithExitCode2(params string[] arguments)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, AnalyzeCommand.Run([_file, .. arguments], new StringWriter(), stderr));
        Assert.StartsWith("Usage: analyze FILE.csv [--max-lag N]", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_IsNamed_WithExitCode2()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, AnalyzeCommand.Run(["/nonexistent/journal.csv"], new StringWriter(), stderr));
        Assert.Equal("/nonexistent/journal.csv: no such file.", stderr.ToString().Trim());
    }
}
