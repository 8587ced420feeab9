using System.Globalization;
using System.Text;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;
using DayRows = GutSkin.Web.Features.Journal.JournalService.DayRows;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// Writes checked days of one member in a few statements, in SQL both providers share: multi-row upserts of the day
/// rows (ON CONFLICT … DO UPDATE), each with its values packed in it (<see cref="ValuePacking"/>), at most
/// <see cref="DaysPerStatement"/> days (four parameters each) to a statement: SQLite binds named parameters in
/// quadratic time. A day that is not whole (CSV rows, another app's export) is merged into the values the day has,
/// which are read for the whole range in one query first; so is the "keep" of days already logged. A whole day's PUT
/// is one statement; three years of days a dozen. The caller holds the write gate and a transaction that already
/// updated the member's row, so no other write of this member's journal runs between the read and the write.
/// </summary>
internal sealed class JournalBatch(GutSkinDb db, string userId, DateTime now)
{
    private const int DaysPerStatement = 200;

    /// <param name="days">Checked days in date order, each date once.</param>
    /// <param name="keep">True to leave the days already in the journal as they are.</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task<JournalWriteResult> WriteAsync(IReadOnlyList<DayRows> days, bool keep, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return new JournalWriteResult(WriteOutcome.Saved, []);
        }

        var stored = keep || days.Any(d => !d.WholeDay) ? await StoredAsync(days, ct) : [];
        var existing = keep ? stored.Keys.ToHashSet() : [];
        var written = days.Where(d => !existing.Contains(d.Date)).ToList();
        var revisions = written.ToDictionary(d => d.Date, _ => DayETag.NewRevision());
        foreach (var group in written.GroupBy(d => d.SetNote))
        {
            foreach (var chunk in group.Chunk(DaysPerStatement))
            {
                await UpsertDaysAsync(chunk, group.Key, revisions, stored, ct);
            }
        }

        var single = days.Count == 1 && written.Count == 1 && written[0].WholeDay ? written[0].Tagged(now, revisions[written[0].Date]) : null;
        return new JournalWriteResult(WriteOutcome.Saved, [], single, written.Count, written.Sum(d => d.Values.Count))
        {
            Kept = existing,
            Notes = written.Count(d => d.Note is not null),
        };
    }

    /// <summary>The packed values of the days of <paramref name="days"/> already in the journal.</summary>
    private async Task<Dictionary<DateOnly, byte[]>> StoredAsync(IReadOnlyList<DayRows> days, CancellationToken ct)
    {
        var (from, to) = (days[0].Date, days[^1].Date);
        var asked = days.Select(d => d.Date).ToHashSet();
        return (await db.JournalDays.Where(d => d.UserId == userId && d.Date >= from && d.Date <= to).Select(d => new { d.Date, d.PackedValues }).ToListAsync(ct))
            .Where(d => asked.Contains(d.Date))
            .ToDictionary(d => d.Date, d => d.PackedValues);
    }

    /// <summary>The day rows with their values; with <paramref name="setNote"/> the note too, else an existing note stays.</summary>
    private Task<List<long>> UpsertDaysAsync(DayRows[] days, bool setNote, Dictionary<DateOnly, long> revisions, Dictionary<DateOnly, byte[]> stored, CancellationToken ct)
    {
        var sql = new StringBuilder("""INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision", "PackedValues") VALUES """);
        var parameters = new List<object> { userId, now };
        for (var i = 0; i < days.Length; i++)
        {
            var p = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({{0}}, {{{p}}}, {{{p + 1}}}, {{1}}, {{{p + 2}}}, {{{p + 3}}})");
            parameters.AddRange([days[i].Date, setNote && days[i].Note is { } note ? note : DBNull.Value, revisions[days[i].Date], Packed(days[i], stored)]);
        }

        sql.Append("""
             ON CONFLICT ("UserId", "Date") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt", "Revision" = excluded."Revision", "PackedValues" = excluded."PackedValues"
            """).Append(setNote ? """, "Note" = excluded."Note" """ : " ").Append("""RETURNING "Id" AS "Value" """);
        // A query, not a command: EF maps a DBNull parameter (no note) in a raw query, not in a raw command.
        return db.Database.SqlQueryRaw<long>(sql.ToString(), [.. parameters]).ToListAsync(ct);
    }

    /// <summary>A whole day's values as given; another day's written over what the day has.</summary>
    private static byte[] Packed(DayRows day, Dictionary<DateOnly, byte[]> stored)
    {
        var values = day.Values.Select(v => (v.Item.Id, v.Value));
        return day.WholeDay ? ValuePacking.Pack(values) : ValuePacking.Merge(stored.GetValueOrDefault(day.Date), values);
    }
}
