using System.Diagnostics;

namespace GutSkin.Instances.Tests;

/// <summary>
/// A PostgreSQL server of the test's own (Debian's binaries, as test.sh uses), in a fresh folder on a given loopback
/// port: for what the shared test cluster cannot show, such as the app starting before its database does. Run as
/// the postgres user when the tests run as root (PostgreSQL refuses root). Disposing stops it and deletes the folder.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder;

    private PostgresCluster(string folder) => _folder = folder;

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Creates the cluster and starts it on 127.0.0.1:<paramref name="port"/>; answers once it accepts connections.</summary>
    public static async Task<PostgresCluster> StartAsync(int port)
    {
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("gutskin-pg-").FullName);
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", "postgres", cluster._folder);
            }

            await RunPostgresAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust");
            await RunPostgresAsync("pg_ctl", "-D", cluster.Data, "-l", Path.Combine(cluster._folder, "log"), "-w",
                "-o", $"-p {port} -k {cluster._folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(Data))
        {
            try
            {
                await RunPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "stop");
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static Task RunPostgresAsync(string program, params string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
            .LastOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql (test.sh installs it).");
        var path = Path.Combine(bin, program);
        return Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
