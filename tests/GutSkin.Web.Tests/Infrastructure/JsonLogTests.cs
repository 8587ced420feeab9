using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The real process in the Production environment, read from its standard output.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task InProduction_EveryStdoutLineIsAJsonObject_AndEachRequestsLinesCarryItsXRequestId()
    {
        // Only for its database and folders: this factory is never started.
        using var settings = new GutSkinFactory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GutSkin.Web.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Logging__Format");
        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__GutSkin"] = settings.ConnectionString;
        start.Environment["Email__PickupDirectory"] = settings.MailFolder;
        start.Environment["Reminders__RunInBackground"] = "false";
        start.Environment["Comments__BackgroundJobs"] = "false";
        // Production needs its public address; the port does not matter to host filtering.
        start.Environment["Site__BaseUrl"] = "http://127.0.0.1";
        // What an operator sets to get one line per request.
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging"] = "Information";

        var stdout = new ConcurrentQueue<string>();
        var stderr = new ConcurrentQueue<string>();
        using var app = new Process { StartInfo = start };
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) { stdout.Enqueue(e.Data); } };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.Enqueue(e.Data); } };
        app.Start();
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            var listening = await WaitForAsync(stdout, stderr, app, l => l.Contains("Now listening on", StringComparison.Ordinal));
            var address = JsonDocument.Parse(listening).RootElement.GetProperty("State").GetProperty("address").GetString()!;
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var email = $"json-log-{Guid.NewGuid():N}@example.test";
            var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, register.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Mailbox.Link(settings.MailFolder, email, "/api/auth/confirmEmail"), TestContext.Current.CancellationToken)).StatusCode);
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
            var token = (await ReadJsonAsync(login)).GetProperty("accessToken").GetString()!;
            client.UseBearer(token);
            var journal = await client.GetAsync("/api/journal", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
            var missing = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            var ids = new[] { register, login, journal, missing }.Select(r => Assert.Single(r.Headers.GetValues("X-Request-Id"))).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            foreach (var id in ids)
            {
                // Each request's line names the request id its answer carried.
                await WaitForAsync(stdout, stderr, app, l => l.Contains($"\"RequestId\":\"{id}\"", StringComparison.Ordinal));
            }

            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(TestContext.Current.CancellationToken);
            var lines = stdout.ToList();
            foreach (var line in lines)
            {
                using var json = ParseOrFail(line);
                var root = json.RootElement;
                Assert.Equal(JsonValueKind.Object, root.ValueKind);
                foreach (var property in new[] { "Timestamp", "LogLevel", "Category", "Message" })
                {
                    Assert.True(root.TryGetProperty(property, out _), $"No {property} in: {line}");
                }
            }

            var journalLine = lines.Single(l => l.Contains($"\"RequestId\":\"{ids[2]}\"", StringComparison.Ordinal));
            var scopes = JsonDocument.Parse(journalLine).RootElement.GetProperty("Scopes").EnumerateArray().ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var trace) && trace.GetString()!.Length == 32);
            Assert.Contains(scopes, s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/api/journal");
            Assert.DoesNotContain(lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase) || l.Contains(Password, StringComparison.Ordinal) || l.Contains(token, StringComparison.Ordinal));
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            Assert.Fail($"Not a JSON line ({e.Message}): {line}");
            throw;
        }
    }

    /// <summary>The first line that matches, waiting for the process to write it (a minute at most).</summary>
    private static async Task<string> WaitForAsync(ConcurrentQueue<string> stdout, ConcurrentQueue<string> stderr, Process app, Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (app.HasExited || timeout.IsCancellationRequested)
            {
                Assert.Fail($"The line never came (exited: {app.HasExited}).\nstdout:\n{string.Join('\n', stdout)}\nstderr:\n{string.Join('\n', stderr)}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
