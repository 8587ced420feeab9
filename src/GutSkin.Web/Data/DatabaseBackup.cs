using GutSkin.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Data;

/// <summary>
/// The <c>backup PATH</c> command: an online, consistent copy of the SQLite database while the app keeps
/// serving. SQLite's backup API copies every page in one step inside one read transaction, so the copy is
/// the database as of one moment; in WAL mode the app's writers do not wait for it. On PostgreSQL, pg_dump
/// does the same job better.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<int> RunAsync(GutSkinDb db, string path, TextWriter stdout, TextWriter stderr)
    {
        if (!db.Database.IsSqlite())
        {
            await stderr.WriteLineAsync(
                "The backup command copies a SQLite database. On PostgreSQL use pg_dump, for example " +
                "pg_dump --format=custom --file=gutskin.dump \"$DATABASE_URL\", and pg_restore to restore (see docs/deploy.md).");
            return 1;
        }

        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (StartupLock.SqliteLockFile(source.ConnectionString) is null)
        {
            await stderr.WriteLineAsync("The database is in memory; there is no file to back up.");
            return 1;
        }

        var live = Path.GetFullPath(source.DataSource);
        var target = Path.GetFullPath(path);
        // An empty file is what the app's start leaves before the first migration: no database yet either.
        if (!File.Exists(live) || new FileInfo(live).Length == 0)
        {
            await stderr.WriteLineAsync($"There is no database at {live}.");
            return 1;
        }

        if (string.Equals(live, target, StringComparison.Ordinal) || target.StartsWith(live + "-", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("The backup must go to another file than the database itself.");
            return 2;
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"The folder {folder} does not exist.");
            return 2;
        }

        // Written beside the target and renamed at the end: PATH is either the old file or a complete copy, never half of one.
        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            // A backup holds everyone's health data: 0600 from the start (SQLite fills an empty file it is given).
            OwnerOnlyFiles.CreateNew(partial).Dispose();
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = live, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await from.OpenAsync();
                await to.OpenAsync();
                await ExecuteAsync(from, "PRAGMA busy_timeout=10000");
                from.BackupDatabase(to);
                // One self-contained file: the copy does not need a -wal file beside it.
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE");
                var check = await ExecuteAsync(to, "PRAGMA integrity_check");
                if (!string.Equals(check, "ok", StringComparison.Ordinal))
                {
                    await stderr.WriteLineAsync($"The copy failed its integrity check: {check}");
                    return 1;
                }
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        await stdout.WriteLineAsync($"Backed up {live} to {target} ({new FileInfo(target).Length} bytes).");
        return 0;
    }

    private static async Task<string?> ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
