using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Data;

/// <summary>
/// Makes deleted rows leave the disk, not only the tables. On SQLite every connection runs with
/// <c>secure_delete</c> (<see cref="SqlitePragmas"/>), so the pages an erasure changes are written back zeroed
/// where the rows were; the WAL, though, still holds the earlier versions of those pages, and the main file
/// holds them until the next checkpoint. A TRUNCATE checkpoint copies the zeroed pages into the main file and
/// empties the WAL. What PostgreSQL keeps, and for how long, is in docs/deploy.md ("Erasure on disk").
/// </summary>
public static class ErasedData
{
    private const int Attempts = 5;

    public static async Task ScrubAsync(GutSkinDb db, ILogger logger, CancellationToken ct)
    {
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

        logger.LogWarning("The WAL could not be emptied after an erasure; the next checkpoint overwrites the erased rows");
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
