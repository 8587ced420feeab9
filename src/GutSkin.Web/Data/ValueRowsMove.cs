using GutSkin.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Data;

/// <summary>
/// Carries a journal written before issue 17 (one "JournalValues" row per value) into the packed layout (one column of
/// the day's row, <see cref="ValuePacking"/>): a batch of days per transaction, each day's values packed and written,
/// their rows deleted; then the emptied table is dropped. The migration that added the packed column left the old
/// table for this, since packing is C#, not SQL. Run after the migrations under the start-up lock; a crash leaves
/// every finished batch moved and the rest for the next start.
/// </summary>
internal static class ValueRowsMove
{
    private const int DaysPerBatch = 2000;

    public static async Task RunAsync(GutSkinDb db, CancellationToken ct)
    {
        var exists = db.Database.IsNpgsql()
            ? """SELECT CASE WHEN to_regclass('"JournalValues"') IS NULL THEN 0 ELSE 1 END AS "Value" """
            : """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = 'JournalValues'""";
        if ((await db.Database.SqlQueryRaw<int>(exists).ToListAsync(ct)).Single() == 0)
        {
            return;
        }

        while (await MoveBatchAsync(db, ct))
        {
        }

        await db.Database.ExecuteSqlRawAsync("""DROP TABLE "JournalValues" """, ct);
    }

    /// <summary>The values of the lowest day ids still in the old table: packed, written, deleted. False when none was left.</summary>
    private static async Task<bool> MoveBatchAsync(GutSkinDb db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Database.SqlQuery<ValueRow>(
            $"""
            SELECT "DayId", "ItemId", "Value" FROM "JournalValues"
            WHERE "DayId" IN (SELECT DISTINCT "DayId" FROM "JournalValues" ORDER BY "DayId" LIMIT {DaysPerBatch})
            """).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return false;
        }

        foreach (var day in rows.GroupBy(r => r.DayId))
        {
            var packed = ValuePacking.Pack(day.Select(r => (r.ItemId, r.Value)));
            await db.Database.ExecuteSqlAsync($"""UPDATE "JournalDays" SET "PackedValues" = {packed} WHERE "Id" = {day.Key}""", ct);
        }

        // The batch holds every day id up to its highest: the lowest ones were taken.
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "JournalValues" WHERE "DayId" <= {rows.Max(r => r.DayId)}""", ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record ValueRow(long DayId, int ItemId, double Value);
}
