using System.Text.Json;
using GutSkin.Interchange;

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
            "line 3: Redness / rosacea must be between 0 and 10.\nline 4: '2026-02-30' is not a date (YYYY-MM-DD).\nline 5: 'Bad Key' is not one of your tracked items.\n",
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

    [Fact]
    public void TinyHugeAndSubnormalCustomValues_PrintTheWholeDocument_WithOutOfRangePairsNotTested()
    {
        // Once exit 134: squares of 1e-170 underflowed and of 1e160 overflowed, and NaN or ∞ cannot be written as JSON.
        var csv = new System.Text.StringBuilder("date,item,value\n");
        for (var d = 0; d < 60; d++)
        {
            var date = new DateOnly(2026, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var dose = 1 + ((d * 7) % 5);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{date},tiny_dose,{dose}e-170\n{date},huge_count,{1 + ((d * 3) % 7)}E+160\n");
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{date},trace,{1 + (d % 4)}e-315\n{date},redness,{(dose + (d % 3)) % 11}\n");
        }

        var (exit, stdout, stderr) = Run(csv.ToString());

        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        var doc = JsonDocument.Parse(stdout).RootElement;
        var tiny = doc.GetProperty("associations").EnumerateArray().First(a => a.GetProperty("factor").GetString() == "tiny_dose");
        Assert.True(tiny.GetProperty("standardError").GetDouble() > 0 && tiny.GetProperty("pValue").GetDouble() > 0);
        Assert.InRange(Math.Abs(tiny.GetProperty("effect").GetDouble()), 1e168, 1e172);
        Assert.Contains(doc.GetProperty("associations").EnumerateArray(), a => a.GetProperty("factor").GetString() == "huge_count");
        var trace = doc.GetProperty("notTested").EnumerateArray().First(p => p.GetProperty("factor").GetString() == "trace");
        Assert.Equal("outOfRange", trace.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("Date,Item,Value\n2026-01-01,redness,3\n", "line 1: The first line must be the header 'date,item,value'.")]
    [InlineData("date,item,value\n2026-01-01, redness ,3\n", "line 2: ' redness ' is not one of your tracked items.")]
    [InlineData("date,item,value\n2026-01-01,redness,+3\n", "line 2: '+3' is not a number (use '.' as the decimal point).")]
    public void AnythingButTheExactFormat_IsRefused_WithExitCode2(string csv, string error)
    {
        var (exit, stdout, stderr) = Run(csv);
        Assert.Equal(2, exit);
        Assert.Equal(error, stderr.Trim());
        Assert.Equal("", stdout);
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
