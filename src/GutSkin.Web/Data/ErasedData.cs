using System.Data.Common;
using GutSkin.Web.Features.Account;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GutSkin.Web.Data;

/// <summary>
/// Makes deleted rows leave the disk, not only the tables. On SQLite every connection runs with
/// <c>secure_delete</c> (<see cref="SqlitePragmas"/>), so the pages an erasure changes are written back zeroed
/// where the rows were; the WAL, though, still holds the earlier versions of those pages, and the main file
/// holds them until the next checkpoint. A TRUNCATE checkpoint copies the zeroed pages into the main file and
/// empties the WAL. PostgreSQL has no such switch: a deleted row stays in its page as a dead tuple until VACUUM,
/// and its bytes stay after that too, until new rows reuse the space. A plain VACUUM of the member tables right
/// after the erasure makes that space reusable now instead of whenever autovacuum's threshold (a fifth of a
/// table) is reached; VACUUM FULL would remove the bytes but locks every member out of the table while it
/// rewrites it. docs/deploy.md ("Erasure on disk") says what remains where, and for how long.
/// </summary>
public static class ErasedData
{
    private const int Attempts = 5;

    /// <summary>After a member's rows were deleted (and committed).</summary>
    public static Task AfterErasureAsync(GutSkinDb db, ILogger logger, CancellationToken ct) =>
        ScrubAsync(db, MemberTables(db), rewrite: false, logger, ct);

    /// <summary>
    /// Scrubs what deletes and updates left of old rows: SQLite checkpoints the WAL away; PostgreSQL vacuums the
    /// tables, and with <paramref name="rewrite"/> rewrites them (VACUUM FULL: an exclusive lock while it runs,
    /// so only for small tables).
    /// </summary>
    public static async Task ScrubAsync(GutSkinDb db, IReadOnlyCollection<string> tables, bool rewrite, ILogger logger, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await VacuumAsync(db, tables, rewrite, logger, ct);
            return;
        }

        if (!db.Database.IsSqlite())
        {
            return;
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await CheckpointAsync(db, ct))
            {
                return;
            }

            // A reader still on an older snapshot keeps the WAL; it ends within a request or two.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
        }

        logger.LogWarning("The WAL could not be emptied after deleting data; the next checkpoint overwrites the deleted rows");
    }

    /// <summary>The tables that hold member data: the user's and every table that hangs off it by a foreign key.</summary>
    public static IReadOnlyList<string> MemberTables(GutSkinDb db)
    {
        var owned = new HashSet<IEntityType> { db.Model.FindEntityType(typeof(AppUser))! };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !owned.Contains(e) && e.GetForeignKeys().Any(fk => owned.Contains(fk.PrincipalEntityType))))
            {
                grew |= owned.Add(entity);
            }
        }

        return [.. owned.Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
    }

    private static async Task VacuumAsync(GutSkinDb db, IReadOnlyCollection<string> tables, bool rewrite, ILogger logger, CancellationToken ct)
    {
        // VACUUM cannot run inside a transaction: the delete has committed, and this is a statement of its own.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            // Table names come from the model, never from input.
            command.CommandText = (rewrite ? "VACUUM FULL " : "VACUUM ") + string.Join(", ", tables.Select(t => "\"" + t + "\""));
            command.CommandTimeout = 300;
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e)
        {
            // The delete itself has committed; autovacuum gets to the space later.
            logger.LogWarning(e, "VACUUM after deleting data failed");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>True when every WAL frame reached the main file and the WAL was truncated.</summary>
    private static async Task<bool> CheckpointAsync(GutSkinDb db, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            // One row: busy (1 when a reader or writer stopped it), frames in the WAL, frames checkpointed.
            return await reader.ReadAsync(ct) && reader.GetInt64(0) == 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
