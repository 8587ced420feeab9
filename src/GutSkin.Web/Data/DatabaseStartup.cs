using System.Globalization;
using GutSkin.Web.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Data;

/// <summary>Database:StartupWait: how long start-up keeps trying a database it cannot reach before giving up.</summary>
public sealed class DatabaseStartupOptions
{
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Prepares the database before anything uses it (<see cref="Commands.PrepareDatabaseAsync"/>: migrations, roles,
/// starter content, keys), and waits for a database that cannot be reached yet (a PostgreSQL server still starting,
/// or restarted with the app): attempts after 1, 2, 4, 8, then every 10 seconds, one log line each, until
/// <see cref="DatabaseStartupOptions.StartupWait"/> after the first. Any other failure (a migration that fails, say)
/// is no reason to wait and is thrown at once. As a health check (tag "ready") it is unhealthy until prepared.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, IOptions<DatabaseStartupOptions> options, TimeProvider time, ILogger<DatabaseStartup> logger)
    : IHealthCheck
{
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _prepared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstAttempt;
    private int _attempts;
    private TimeSpan? _nextDelay;

    /// <summary>Completes when the database is prepared; never fails.</summary>
    public Task Prepared => _prepared.Task;

    public bool IsPrepared => _prepared.Task.IsCompleted;

    /// <summary>Attempts until prepared (true) or until the wait is over (false, logged).</summary>
    public async Task<bool> PrepareAsync(CancellationToken ct) => await AttemptAsync(ct) || await KeepTryingAsync(ct);

    /// <summary>One attempt: true when prepared; false when the database cannot be reached (logged).</summary>
    public async Task<bool> AttemptAsync(CancellationToken ct)
    {
        if (_attempts++ == 0)
        {
            _firstAttempt = time.GetTimestamp();
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await Commands.PrepareDatabaseAsync(scope.ServiceProvider, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && DatabaseUnavailableHandler.Cause(e) is { } cause)
        {
            _nextDelay = NextDelay();
            logger.LogWarning(
                "The database cannot be reached (attempt {Attempt}, {ExceptionType}: {Reason}); {Next}",
                _attempts, cause.GetType().Name, cause.Message,
                _nextDelay is { } delay ? $"trying again in {delay.TotalSeconds:0.0} s" : "no time left to wait");
            return false;
        }

        if (_attempts > 1)
        {
            logger.LogInformation("The database answered at attempt {Attempt}, {Seconds:0.#} s after the first", _attempts, time.GetElapsedTime(_firstAttempt).TotalSeconds);
        }

        _prepared.TrySetResult();
        return true;
    }

    /// <summary>After a failed <see cref="AttemptAsync"/>: attempts again with backoff until prepared or the wait is over.</summary>
    public async Task<bool> KeepTryingAsync(CancellationToken ct)
    {
        while (_nextDelay is { } delay)
        {
            await Task.Delay(delay, time, ct);
            if (await AttemptAsync(ct))
            {
                return true;
            }
        }

        logger.LogCritical("The database could not be reached within {Seconds:0.#} s (Database:StartupWait); giving up after {Attempts} attempts", options.Value.StartupWait.TotalSeconds, _attempts);
        return false;
    }

    /// <summary>
    /// Serving while the database is not yet prepared: tries on in the background and stops the app (exit code 1)
    /// when the wait is over without it.
    /// </summary>
    public void KeepTryingInBackground(IHostApplicationLifetime lifetime) =>
        _ = Task.Run(async () =>
        {
            try
            {
                if (!await KeepTryingAsync(lifetime.ApplicationStopping))
                {
                    GiveUp(lifetime);
                }
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Stopped while waiting.
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "Preparing the database failed");
                GiveUp(lifetime);
            }
        });

    /// <summary>Exit code 1; stopping waits until the host has started (a stop during its start would crash it).</summary>
    private static void GiveUp(IHostApplicationLifetime lifetime)
    {
        Environment.ExitCode = 1;
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsPrepared ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database is not prepared yet."));

    private TimeSpan? NextDelay()
    {
        var left = options.Value.StartupWait - time.GetElapsedTime(_firstAttempt);
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(_attempts - 1, 4)));
        return left <= TimeSpan.Zero ? null : new[] { backoff, LongestDelay, left }.Min();
    }
}

public static class DatabaseStartupSetup
{
    /// <summary>What the 503s while starting ask a client to wait before trying again.</summary>
    private const int RetryAfterSeconds = 5;

    /// <summary>Registers <see cref="DatabaseStartup"/> with its options (section Database).</summary>
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services)
    {
        services.AddOptions<DatabaseStartupOptions>().BindConfiguration("Database")
            .Validate(o => o.StartupWait >= TimeSpan.Zero, "Database:StartupWait must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<DatabaseStartup>();
        return services;
    }

    /// <summary>
    /// Until the database is prepared every request but the health probes is a 503 with Retry-After: a problem
    /// document under /api, a short page elsewhere (the usual error page would need the database).
    /// </summary>
    public static IApplicationBuilder UseDatabaseStartupGate(this IApplicationBuilder app)
    {
        var database = app.ApplicationServices.GetRequiredService<DatabaseStartup>();
        return app.Use(async (http, next) =>
        {
            if (database.IsPrepared || http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await Problems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "GutSkin is starting.",
                    $"Its database is not ready yet. Please try again in a few seconds (Retry-After: {RetryAfterSeconds} seconds).");
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(StartingPage, http.RequestAborted);
        });
    }

    private static readonly string StartingPage = $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="{{RetryAfterSeconds}}"><title>GutSkin is starting</title></head>
        <body><main><h1>GutSkin is starting</h1><p>Its database is not ready yet. This page tries again in a few seconds.</p></main></body></html>
        """;
}
