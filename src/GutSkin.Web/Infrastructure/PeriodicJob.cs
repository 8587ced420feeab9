using GutSkin.Web.Data;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// A background loop on the app's one clock: <see cref="RunAsync"/> once per <see cref="Period"/> of
/// <see cref="TimeProvider"/> time (a fake clock in tests drives it). A pass that fails is logged and the next one
/// retries: a database or mail server away for a moment must not stop the host, as a failed BackgroundService would.
/// The first pass waits until start-up has prepared the database.
/// </summary>
public abstract class PeriodicJob(TimeProvider time, DatabaseStartup database, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes run on.</summary>
    protected TimeProvider Time => time;

    /// <summary>Time between two passes.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>False where configuration turns the job off (tests that run the passes themselves).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Whether the first pass runs at start rather than one period later.</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, time);
        try
        {
            await database.Prepared.WaitAsync(stoppingToken);
            if (RunsAtStart)
            {
                await PassAsync(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            await RunAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Job} failed; trying again in {Period}", GetType().Name, Period);
        }
    }
}
