using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Instances.Tests;

/// <summary>
/// The app started before its PostgreSQL server (a host rebooting, a container started with its database): it
/// waits, says so, and serves once the server is up; it gives up after Database:StartupWait.
/// </summary>
public sealed class DatabaseWaitTests
{
    /// <summary>A hang guard for waits on the app and the server, not a timing assertion.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StartedWhilePostgresIsDown_ItIsLiveButAnswers503_ThenServesOnceTheServerStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = AppProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("gutskin-wait-");
        try
        {
            await using var app = await AppProcess.StartAsync(Settings(port, folder, wait: "00:05:00"), ct, waitFor: "/health/live");
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
            var page = await client.GetAsync("/", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.Contains("GutSkin is starting", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            var api = await client.GetAsync("/api/journal?from=2026-01-01&to=2026-01-31", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, (await api.Content.ReadFromJsonAsync<ProblemDetails>(ct))!.Status);
            Assert.True(app.HasWritten("The database cannot be reached (attempt 1"), app.Output);

            await using var server = await PostgresCluster.StartAsync(port);
            await WaitForReadyAsync(client, app, ct);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/blog", ct)).StatusCode);
            Assert.True(app.HasWritten("The database answered at attempt"), app.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WithNoDatabaseWithinTheWait_TheAppAndTheMigrateCommandGiveUpWithExitCode1()
    {
        var folder = Directory.CreateTempSubdirectory("gutskin-wait-");
        try
        {
            var settings = Settings(AppProcess.FreePort(), folder, wait: "00:00:05");
            settings["Site__BaseUrl"] = "http://127.0.0.1:5000";
            var serve = AppProcess.RunUntilExitAsync(settings, Patience);
            var migrate = AppProcess.RunCommandAsync(settings, Patience, "migrate");

            var (code, output) = await serve;
            Assert.True(code == 1, $"exit {code}: {output}");
            Assert.Contains("could not be reached within 5 s", output, StringComparison.Ordinal);
            var command = await migrate;
            Assert.True(command.Code == 1, $"exit {command.Code}: {command.Stdout}{command.Stderr}");
            Assert.Contains("could not be reached", command.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Settings(int port, DirectoryInfo folder, string wait) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__GutSkin"] = $"Host=127.0.0.1;Port={port};Username=postgres;Database=gutskin_wait;Timeout=3",
        ["Database__StartupWait"] = wait,
        ["DataProtection__KeyFile"] = Path.Combine(folder.FullName, "keyring.key"),
    };

    private static async Task WaitForReadyAsync(HttpClient client, AppProcess app, CancellationToken ct)
    {
        // Up to two minutes: a hang guard, not a timing assertion.
        for (var i = 0; i < 600; i++)
        {
            if ((await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        Assert.Fail($"Not ready two minutes after the server started:\n{app.Output}");
    }
}
