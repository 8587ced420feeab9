using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GutSkin.Interchange;

namespace GutSkin.Analyze.Tests;

/// <summary>Publishes the analyze command with Native AOT once (needs clang, which test.sh installs).</summary>
public sealed class NativeExecutable : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gutskin-analyze-").FullName;

    public NativeExecutable()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "GutSkin.slnx")))
        {
            repository = repository.Parent;
        }

        Assert.NotNull(repository);
        var project = Path.Combine(repository.FullName, "src", "GutSkin.Analyze");
        var (exit, output, _) = Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", _folder, "-nologo"], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"dotnet publish (Native AOT) failed:\n{output}");
        Executable = Path.Combine(_folder, "GutSkin.Analyze");
        Assert.True(File.Exists(Executable), $"No native executable in {_folder}.");
    }

    public string Executable { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static (int Exit, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish in time.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>The native executable is the same command: for every journal it prints what the JIT-compiled code prints.</summary>
public sealed class NativeExecutableTests(NativeExecutable native) : IClassFixture<NativeExecutable>
{
    public static TheoryData<string> Journals() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Journals"), "*.csv").Select(f => Path.GetFileName(f)).Order()];

    private static (int Exit, string Stdout, string Stderr) InProcess(params string[] arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = AnalyzeCommand.Run(arguments, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void TheReferenceJournals_AreAllThere() => Assert.True(Journals().Count >= 10);

    /// <summary>Most reference journals are documents; the few with fractional severities get the same errors.</summary>
    [Theory]
    [MemberData(nameof(Journals))]
    public void PrintsWhatTheJitCompiledCommandPrints_ByteForByte(string journal)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Journals", journal);
        foreach (var maxLag in new[] { "0", "3", "14" })
        {
            var expected = InProcess(file, "--max-lag", maxLag);
            Assert.Equal(expected, NativeExecutable.Run(native.Executable, [file, "--max-lag", maxLag]));
        }
    }

    [Fact]
    public void TwoYearsOfFortyItems_GiveTheSameDocument_WithEveryTestRun()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (_, values) = SyntheticJournal.Values(days: 730, habits: 30, skin: 6, gut: 4, seed: 42);
            File.WriteAllLines(file, ["date,item,value", .. values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Date:yyyy-MM-dd},{v.Key},{v.Value}"))]);
            var expected = InProcess(file);
            Assert.Equal((0, ""), (expected.Exit, expected.Stderr));
            Assert.Equal(1580, JsonDocument.Parse(expected.Stdout).RootElement.GetProperty("associations").GetArrayLength());
            Assert.Equal(expected, NativeExecutable.Run(native.Executable, [file]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ABadFile_GetsTheSameLineNumberedErrors_AndExitCode2()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "date,item,value\n2026-01-01,redness,3\n2026-01-02,redness,11\n2026-02-30,bloating,2\n2026-01-01,redness,4\n");
            var expected = InProcess(file);
            Assert.Equal(2, expected.Exit);
            Assert.Equal(expected, NativeExecutable.Run(native.Executable, [file]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void BadArguments_GetTheUsage_AndExitCode2()
    {
        var (exit, stdout, stderr) = NativeExecutable.Run(native.Executable, ["--max-lag", "99"]);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.StartsWith("Usage: analyze FILE.csv", stderr, StringComparison.Ordinal);
    }
}
