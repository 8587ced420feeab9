using System.Globalization;
using System.Text;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;
using DayRows = GutSkin.Web.Features.Journal.JournalService.DayRows;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// Writes checked days of one member in a few statements, in SQL both providers share: the day rows by multi-row
/// upserts (ON CONFLICT … DO UPDATE), then the values of whole days removed, then every value by multi-row upserts.
/// Statements carry at most <see cref="DaysPerStatement"/> days (three parameters each) or
/// <see cref="ValuesPerStatement"/> values (one parameter each): SQLite binds named parameters in quadratic time (each
/// one looked up by name among all), so a statement keeps a few hundred. One day costs two round trips, as the day-by-day write
/// did; three years of days a few dozen. The caller holds the write gate and a transaction.
/// </summary>
internal sealed class JournalBatch(GutSkinDb db, string userId, DateTime now)
{
    private const int DaysPerStatement = 200;
    private const int ValuesPerStatement = 500;

    /// <param name="days">Checked days in date order, each date once.</param>
    /// <param name="keep">True to leave the days already in the journal as they are.</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task<JournalWriteResult> WriteAsync(IReadOnlyList<DayRows> days, bool keep, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return new JournalWriteResult(WriteOutcome.Saved, []);
        }

        var (from, to) = (days[0].Date, days[^1].Date);
        var existing = keep ? await DatesAsync(days, ct) : [];
        var written = days.Where(d => !existing.Contains(d.Date)).ToList();
        var revisions = written.ToDictionary(d => d.Date, _ => DayETag.NewRevision());
        var returned = new List<long>();
        foreach (var group in written.GroupBy(d => d.SetNote))
        {
            foreach (var chunk in group.Chunk(DaysPerStatement))
            {
                returned.AddRange(await UpsertDaysAsync(chunk, group.Key, revisions, ct));
            }
        }

        var ids = written.Count == 1 ? new Dictionary<DateOnly, long> { [written[0].Date] = returned[0] } : await IdsAsync(from, to, ct);
        var values = written.SelectMany(d => d.Values.Select(v => (DayId: ids[d.Date], ItemId: v.Item.Id, v.Value))).ToList();
        await WriteValuesAsync([.. written.Where(d => d.WholeDay).Select(d => ids[d.Date])], values, ct);
        var single = days.Count == 1 && written.Count == 1 && written[0].WholeDay ? written[0].Tagged(now, revisions[written[0].Date]) : null;
        return new JournalWriteResult(WriteOutcome.Saved, [], single, written.Count, values.Count)
        {
            Kept = existing,
            Notes = written.Count(d => d.Note is not null),
        };
    }

    /// <summary>The days of <paramref name="days"/> already in the journal.</summary>
    private async Task<HashSet<DateOnly>> DatesAsync(IReadOnlyList<DayRows> days, CancellationToken ct)
    {
        var (from, to) = (days[0].Date, days[^1].Date);
        var asked = days.Select(d => d.Date).ToHashSet();
        return [.. (await db.JournalDays.Where(d => d.UserId == userId && d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(ct)).Where(asked.Contains)];
    }

    private async Task<Dictionary<DateOnly, long>> IdsAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.JournalDays.Where(d => d.UserId == userId && d.Date >= from && d.Date <= to).Select(d => new { d.Date, d.Id }).ToListAsync(ct))
            .ToDictionary(d => d.Date, d => d.Id);

    /// <summary>The day rows, their ids returned (in no particular order); with <paramref name="setNote"/> the note too, else an existing note stays.</summary>
    private Task<List<long>> UpsertDaysAsync(DayRows[] days, bool setNote, Dictionary<DateOnly, long> revisions, CancellationToken ct)
    {
        var sql = new StringBuilder("""INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES """);
        var parameters = new List<object> { userId, now };
        for (var i = 0; i < days.Length; i++)
        {
            var p = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({{0}}, {{{p}}}, {{{p + 1}}}, {{1}}, {{{p + 2}}})");
            parameters.AddRange([days[i].Date, setNote && days[i].Note is { } note ? note : DBNull.Value, revisions[days[i].Date]]);
        }

        sql.Append("""
             ON CONFLICT ("UserId", "Date") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt", "Revision" = excluded."Revision"
            """).Append(setNote ? """, "Note" = excluded."Note" """ : " ").Append("""RETURNING "Id" AS "Value" """);
        return db.Database.SqlQueryRaw<long>(sql.ToString(), [.. parameters]).ToListAsync(ct);
    }

    /// <summary>
    /// Removes every value of the days <paramref name="cleared"/>, then upserts <paramref name="values"/>. The last
    /// removal goes in one command with the first upsert (a whole day's PUT is then one round trip). Day and item ids
    /// are written into the SQL as numbers (ids the server made, nothing a member typed); the values are parameters,
    /// so that no logged command text holds a member's health data.
    /// </summary>
    private async Task WriteValuesAsync(List<long> cleared, List<(long DayId, int ItemId, double Value)> values, CancellationToken ct)
    {
        var deletes = cleared.Chunk(ValuesPerStatement).ToList();
        var upserts = values.Chunk(ValuesPerStatement).ToList();
        var commands = Math.Max(deletes.Count - 1, 0) + Math.Max(upserts.Count, 1);
        for (var i = 0; i < commands; i++)
        {
            var sql = new StringBuilder();
            var parameters = new List<object>();
            if (i < deletes.Count)
            {
                sql.Append("""DELETE FROM "JournalValues" WHERE "DayId" IN (""").AppendJoin(", ", deletes[i].Select(Number)).Append(");\n");
            }

            // Upserts start once the removals are done, the first with the last removal.
            var upsert = i - Math.Max(deletes.Count - 1, 0);
            if (upsert >= 0 && upsert < upserts.Count)
            {
                sql.Append("""INSERT INTO "JournalValues" ("DayId", "ItemId", "Value") VALUES """)
                    .AppendJoin(", ", upserts[upsert].Select((v, j) => $"({Number(v.DayId)}, {Number(v.ItemId)}, {{{j}}})"))
                    .Append("""
                         ON CONFLICT ("DayId", "ItemId") DO UPDATE SET "Value" = excluded."Value"
                        """);
                parameters.AddRange(upserts[upsert].Select(v => (object)v.Value));
            }

            if (sql.Length > 0)
            {
                await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
            }
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
