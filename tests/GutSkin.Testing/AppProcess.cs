using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GutSkin.Testing;

/// <summary>
/// The built app (src/GutSkin.Web/bin/…/GutSkin.Web.dll) run by <c>dotnet</c> as a process of its own, as an operator
/// runs it: a server on a free loopback port, for what an in-process host cannot show (being killed, refusing to
/// start), or one of its commands (<c>migrate</c>, <c>backup</c>…) run to the end. Output is kept for failure messages.
/// Disposing a server kills it if it still runs, and so does the test process ending, so no server outlives a test.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public Uri Address { get; }

    /// <summary>Whether the app has written <paramref name="text"/> anywhere in its output so far.</summary>
    public bool HasWritten(string text)
    {
        lock (_output)
        {
            return _output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Length > 8000 ? _output.ToString(_output.Length - 8000, 8000) : _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the app in the Production environment with <paramref name="settings"/> as environment variables
    /// (<c>Database__Provider</c>, <c>ConnectionStrings__GutSkin</c>, …) and waits until <paramref name="waitFor"/>
    /// (<c>/health/ready</c> unless said) answers 200. <c>Site__BaseUrl</c> is the address it listens on unless the
    /// settings give one.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct, string waitFor = "/health/ready")
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = StartInfo(["--urls", address.ToString().TrimEnd('/')], new Dictionary<string, string>(settings) { ["Site__BaseUrl"] = settings.GetValueOrDefault("Site__BaseUrl", address.ToString().TrimEnd('/')) });
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilAsync(waitFor, ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>
    /// Runs the app in the Production environment with exactly <paramref name="settings"/> until it exits by itself
    /// (it is killed after <paramref name="patience"/>); answers its exit code and what it wrote.
    /// </summary>
    public static async Task<(int Code, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan patience)
    {
        var (code, stdout, stderr) = await RunAsync(StartInfo(["--urls", $"http://127.0.0.1:{FreePort()}"], settings), patience);
        return (code, stdout + stderr);
    }

    /// <summary>
    /// Runs one of the app's commands (<c>migrate</c>, <c>backup FILE</c>…) in the Production environment with
    /// <paramref name="settings"/>, from a folder of its own, with no input; answers its exit code and its two outputs.
    /// </summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, TimeSpan patience, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("gutskin-command-").FullName;
        try
        {
            var start = StartInfo(args, settings);
            start.WorkingDirectory = folder;
            return await RunAsync(start, patience);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan patience)
    {
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"dotnet GutSkin.Web.dll {string.Join(' ', start.ArgumentList.Skip(1))} was still running after {patience}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> settings)
    {
        var dll = WebDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        // Only what the caller says: none of the test runner's own settings for the app.
        start.Environment.Remove("Site__BaseUrl");
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Kills the app with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAsync(string path, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync(path, ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One slow answer while it starts.
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>The Web project's own build output, in the configuration these tests were built in.</summary>
    private static string WebDll()
    {
        // tests/<the test project>/bin/<Configuration>/<framework>/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GutSkin.slnx")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "src", "GutSkin.Web", "bin", configuration, framework, "GutSkin.Web.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"GutSkin.Web.dll is not built next to the tests (looked for {dll ?? "the repository root"}); build the solution first.");
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
