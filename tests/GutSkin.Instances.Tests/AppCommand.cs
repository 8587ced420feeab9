using System.Diagnostics;

namespace GutSkin.Instances.Tests;

/// <summary>The built app run as a process of its own (<c>dotnet GutSkin.Web.dll ARGS</c>), as an operator runs it.</summary>
public static class AppCommand
{
    /// <summary>The app as the solution build left it: src/GutSkin.Web/bin/CONFIGURATION/TFM/GutSkin.Web.dll.</summary>
    public static string WebDll { get; } = Locate();

    /// <summary>Runs a command against a PostgreSQL database and answers its exit code and output.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TestDatabase database, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("gutskin-instances-process-").FullName;
        var start = new ProcessStartInfo(Muxer())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__GutSkin"] = database.ConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DataProtection__KeyFile"] = database.KeyFile;
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet GutSkin.Web.dll {string.Join(' ', args)} did not finish: {await stderr}");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Muxer() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static string Locate()
    {
        // This assembly lives in tests/GutSkin.Instances.Tests/bin/CONFIGURATION/TFM/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GutSkin.slnx")))
            {
                var dll = Path.Combine(folder.FullName, "src", "GutSkin.Web", "bin", configuration, framework, "GutSkin.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No GutSkin.slnx above {output.FullName}.");
    }
}
