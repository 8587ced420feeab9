using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Infrastructure;

/// <summary>One fixed window of attempts, kept in the database so every instance counts into the same row.</summary>
public sealed class RateCounter
{
    /// <summary>SHA-256 of the limit's name and what it counts (a client address, an e-mail address, a user id), in hex.</summary>
    public required string Key { get; set; }

    /// <summary>When the current window began, in Unix milliseconds.</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}

/// <summary>
/// Rate limits that hold across instances: N instances on one database allow the attempts of one, not N times as
/// many (in-memory limiters would each count their own share). Each attempt is one atomic upsert that starts a new
/// window or adds one to the current one and reads the count back; expired rows are deleted now and then.
/// </summary>
public sealed class RateCounters(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Rows are kept at least this long: another instance may count windows this one has not met yet, and a row is
    /// deleted only once no window it could belong to is still running (longer windows than this are kept as long).
    /// </summary>
    private static readonly long Horizon = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    private long _nextCleanup;
    private long _longestWindow = Horizon;

    /// <summary>
    /// Counts one attempt against <paramref name="limit"/> per <paramref name="window"/> for <paramref name="subject"/>
    /// under the limit called <paramref name="name"/>. Null when the attempt is within the limit, otherwise how long
    /// until the window ends. A limit of 0 (or less) counts nothing.
    /// </summary>
    public async Task<TimeSpan?> HitAsync(string name, string subject, int limit, TimeSpan window, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowLength = Math.Max(1, (long)window.TotalMilliseconds);
        InterlockedMax(ref _longestWindow, windowLength);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutSkinDb>();
        long windowStart;
        int count;
        using (await scope.ServiceProvider.GetRequiredService<WriteGate>().EnterAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // The CASEs read the row as it was: a window that has run out starts again at this attempt.
            command.CommandText = """
                INSERT INTO "RateCounters" ("Key", "WindowStart", "Count") VALUES (@key, @now, 1)
                ON CONFLICT ("Key") DO UPDATE SET
                    "Count" = CASE WHEN "RateCounters"."WindowStart" <= @expired THEN 1 ELSE "RateCounters"."Count" + 1 END,
                    "WindowStart" = CASE WHEN "RateCounters"."WindowStart" <= @expired THEN @now ELSE "RateCounters"."WindowStart" END
                RETURNING "WindowStart", "Count"
                """;
            Add(command, "key", Hash(name, subject));
            Add(command, "now", now);
            Add(command, "expired", now - windowLength);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            windowStart = reader.GetInt64(0);
            count = reader.GetInt32(1);
        }

        await CleanUpAsync(db, now, ct);
        return count <= limit ? null : TimeSpan.FromMilliseconds(Math.Max(1, windowStart + windowLength - now));
    }

    public static string Hash(string name, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{subject}")));

    /// <summary>Deletes the rows whose windows ended long ago (see <see cref="Horizon"/>), at most every ten minutes.</summary>
    private async Task CleanUpAsync(GutSkinDb db, long now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextCleanup);
        if (now < due || Interlocked.CompareExchange(ref _nextCleanup, now + (long)CleanupInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        var before = now - Interlocked.Read(ref _longestWindow);
        await db.Set<RateCounter>().Where(c => c.WindowStart < before).ExecuteDeleteAsync(ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        // Until the target is at least the value, or this thread's compare-and-swap set it.
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}

/// <summary>
/// A rate-limiting middleware partition counted in <see cref="RateCounters"/>: nothing is kept in memory, so the
/// middleware's synchronous attempt always defers to the asynchronous acquire, which asks the database.
/// </summary>
public sealed class SharedWindowLimiter(RateCounters counters, string name, string subject, int limit, TimeSpan window) : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        await counters.HitAsync(name, subject, limit, window, cancellationToken) is { } wait ? Lease.Refused(wait) : Lease.Granted;

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan wait) => new(false, wait);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
