using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GutSkin.Web.Data;

/// <summary>
/// Lets one process at a time prepare the database: migrations, roles, starter content and the first
/// data-protection key. EF Core's own migration lock covers <c>Migrate()</c> only, and on SQLite it is a
/// row that a killed process leaves behind (every later start then waits for it forever), so the app
/// takes a lock of its own around the whole preparation, one that dies with the process that holds it:
/// a session-level advisory lock on PostgreSQL, an exclusive lock on a file next to the database on SQLite.
/// </summary>
public static class StartupLock
{
    /// <summary>The advisory lock key on PostgreSQL: "GutSkin" in ASCII.</summary>
    public const long AdvisoryKey = 0x47_75_74_53_6B_69_6E;

    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits for the lock and answers what releases it.</summary>
    public static Task<IAsyncDisposable> AcquireAsync(GutSkinDb db, ILogger logger, CancellationToken ct = default) =>
        db.Database.IsNpgsql() ? AcquirePostgresAsync(db, logger, ct) : AcquireSqliteAsync(db, logger, ct);

    /// <summary>The lock file of a SQLite database; null for an in-memory one.</summary>
    public static string? SqliteLockFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource) + ".lock";
    }

    private static async Task<IAsyncDisposable> AcquirePostgresAsync(GutSkinDb db, ILogger logger, CancellationToken ct)
    {
        // An advisory lock lives in one database, so the database has to exist first; two instances may both create it.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it a moment earlier.
            }
        }

        // A connection of its own, outside the pool: the lock is held by this session and ends with it, even if the process dies.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            var waited = false;
            while (!await TryAdvisoryLockAsync(connection, ct))
            {
                if (!waited)
                {
                    logger.LogInformation("Another instance is preparing the database; waiting for it");
                    waited = true;
                }

                await Task.Delay(RetryDelay, ct);
            }

            return new Release(async () =>
            {
                await using (connection)
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    unlock.Parameters.AddWithValue("key", AdvisoryKey);
                    await unlock.ExecuteScalarAsync(CancellationToken.None);
                }
            });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryAdvisoryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", AdvisoryKey);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private static async Task<IAsyncDisposable> AcquireSqliteAsync(GutSkinDb db, ILogger logger, CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString()!;
        if (SqliteLockFile(connectionString) is not { } path)
        {
            return new Release(() => ValueTask.CompletedTask);
        }

        // FileShare.None takes an exclusive flock() on Unix (a share lock on Windows): the kernel drops it when the process ends.
        FileStream? file = null;
        var waited = false;
        while (file is null)
        {
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                if (!waited)
                {
                    logger.LogInformation("Another process is preparing the database; waiting for it");
                    waited = true;
                }

                await Task.Delay(RetryDelay, ct);
            }
        }

        try
        {
            await ClearAbandonedMigrationLockAsync(connectionString, logger, ct);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        return file;
    }

    /// <summary>Another process holds the file: EWOULDBLOCK from flock() on Linux (11) and macOS (35), a sharing or lock violation on Windows.</summary>
    private static bool HeldByAnother(IOException e) =>
        OperatingSystem.IsWindows() ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021) : e.HResult is 11 or 35;

    /// <summary>
    /// EF Core's SQLite migration lock is a row in <c>__EFMigrationsLock</c>, deleted when migrating ends. Every
    /// process of the app takes the file lock before EF Core's, so a row found while holding the file lock was
    /// left by a process that was killed while migrating.
    /// </summary>
    private static async Task ClearAbandonedMigrationLockAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(builder.DataSource))
        {
            return;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return;
        }

        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
        if (await delete.ExecuteNonQueryAsync(ct) > 0)
        {
            logger.LogWarning("Removed a migration lock left by a process that stopped while migrating");
        }
    }

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
