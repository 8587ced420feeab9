using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// The one write path of the journal: the API's PUT, the Today page, the CSV import and the JSON import all write
/// through <see cref="WriteAsync"/>, which checks every day against the day's rules (<see cref="DayRules"/>) and
/// answers saved, invalid (field errors, nothing written) or stale (an If-Match that no longer holds).
/// </summary>
public sealed class JournalService(GutSkinDb db, MemberClock clock, ItemService items, WriteGate gate) : IMemberErasure
{
    /// <summary>Every day of the member's journal, with its values.</summary>
    public Task EraseMemberAsync(string userId, CancellationToken ct) => db.JournalDays.Where(d => d.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Checks, then writes every day of <paramref name="write"/> in one transaction, or nothing; days already in the
    /// journal are written over (a PUT, the Today page, a CSV or JSON import). See <see cref="WriteManyAsync"/>.
    /// </summary>
    public Task<JournalWriteResult> WriteAsync(Member member, JournalWrite write, CancellationToken ct) =>
        WriteManyAsync(member, write, ExistingDays.Replace, ct);

    /// <summary>
    /// Checks every day against the day's rules (<see cref="DayRules"/>), then writes them all in one transaction, or
    /// nothing. With <see cref="ExistingDays.Keep"/> the days already in the journal stay as they are (they are found
    /// in the same transaction) and are counted in <see cref="JournalWriteResult.Kept"/>. A write under an If-Match
    /// condition (one day) goes day by day (<see cref="WriteDayAsync"/>); any other is written in batches of rows, in
    /// SQL both providers share (<see cref="JournalBatch"/>): a day costs no round trip of its own, so an import of
    /// three years takes a few statements, not thousands, and no change tracking.
    /// </summary>
    public async Task<JournalWriteResult> WriteManyAsync(Member member, JournalWrite write, ExistingDays existing, CancellationToken ct)
    {
        var byKey = await ItemsAsync(member, write, ct);
        if (Check(write, byKey, clock.Today(member.TimeZone)) is { Count: > 0 } problems)
        {
            return new JournalWriteResult(WriteOutcome.Invalid, problems);
        }

        var now = clock.UtcNow.UtcDateTime;
        var days = write.Days.OrderBy(d => d.Date).Select(d => ToRows(d, byKey)).ToList();
        using (await gate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The member's row first: every journal write of one member then takes its locks in the same order, so
            // PostgreSQL never finds two of them deadlocked.
            await JournalVersion.BumpAsync(db, member.Id, ct);
            if (write.NewItems.Count > 0)
            {
                await items.AddAsync(write.NewItems, ct);
            }

            if (write.Also is { } also)
            {
                await also(db, ct);
            }

            var result = write.Condition is { } condition
                ? await WriteConditionalAsync(member.Id, days, condition, now, ct)
                : await new JournalBatch(db, member.Id, now).WriteAsync(days, existing == ExistingDays.Keep, ct);
            await (result.Outcome == WriteOutcome.Saved ? transaction.CommitAsync(ct) : transaction.RollbackAsync(ct));
            return result;
        }
    }

    /// <summary>A day as it is stored: its note (null for none), whether the note is set, and its values by item id.</summary>
    private static DayRows ToRows(DayEntry day, Dictionary<string, TrackedItem> byKey)
    {
        var note = string.IsNullOrWhiteSpace(day.Note) ? null : day.Note;
        List<(TrackedItem Item, double Value)> values = [.. (day.Values ?? new Dictionary<string, double?>()).Where(v => v.Value is not null).Select(v => (byKey[v.Key], v.Value!.Value))];
        return new DayRows(day.Date, note, SetNote: day.WholeDay || note is not null, values, day.WholeDay);
    }

    /// <summary>The write of an If-Match: day by day, each day's check and write one statement (<see cref="WriteDayAsync"/>).</summary>
    private async Task<JournalWriteResult> WriteConditionalAsync(string userId, List<DayRows> days, DayCondition condition, DateTime now, CancellationToken ct)
    {
        TaggedDay? single = null;
        foreach (var day in days)
        {
            var revision = await WriteDayAsync(db, userId, day.Date, day.Note, day.SetNote, [.. day.Values.Select(v => (v.Item.Id, v.Value))], replace: day.WholeDay, now, condition, ct);
            if (revision is null)
            {
                return new JournalWriteResult(WriteOutcome.Stale, []);
            }

            single = days.Count == 1 && day.WholeDay ? day.Tagged(now, revision.Value) : null;
        }

        return new JournalWriteResult(WriteOutcome.Saved, [], single, days.Count, days.Sum(d => d.Values.Count));
    }

    /// <summary>What <see cref="WriteAsync"/> would refuse, without writing: for an import that lists every problem at once.</summary>
    public async Task<List<DayProblem>> CheckAsync(Member member, JournalWrite write, CancellationToken ct) =>
        Check(write, await ItemsAsync(member, write, ct), clock.Today(member.TimeZone));

    private async Task<Dictionary<string, TrackedItem>> ItemsAsync(Member member, JournalWrite write, CancellationToken ct)
    {
        var byKey = await items.ByKeyAsync(member.Id, ct);
        foreach (var item in write.NewItems)
        {
            byKey[item.Key] = item;
        }

        return byKey;
    }

    private static List<DayProblem> Check(JournalWrite write, Dictionary<string, TrackedItem> byKey, DateOnly today)
    {
        var problems = new List<DayProblem>();
        var dates = new HashSet<DateOnly>();
        for (var i = 0; i < write.Days.Count; i++)
        {
            var day = write.Days[i];
            problems.AddRange(DayRules.Check(day.Date, today, day.Values, byKey.GetValueOrDefault, day.Note).Select(p => new DayProblem(i, p.Key, p.Value)));
            if (!dates.Add(day.Date))
            {
                problems.Add(new DayProblem(i, "date", $"{JournalDates.ToText(day.Date)} appears twice."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Writes one day under an If-Match <paramref name="condition"/> in SQL both providers share (RETURNING), one
    /// statement for the day row and its packed values (<see cref="ValuePacking"/>), and returns the day's new
    /// revision. With <paramref name="replace"/> the day's values become the given ones; without, the given items are
    /// merged into the day's values. Without <paramref name="setNote"/> an existing note stays. The day row is changed
    /// by one UPDATE whose WHERE is the condition (or inserted only when it must be absent); no row changed means the
    /// condition failed and null is returned with nothing written. Check and write being one statement makes them
    /// atomic: on PostgreSQL a second UPDATE of the row waits for the first to commit and then re-reads the revision,
    /// on SQLite writes are serial. A merge reads the day's values first: the caller holds the write gate and a
    /// transaction that already updated the member's row, so no other write of this member's journal runs between.
    /// </summary>
    private static async Task<long?> WriteDayAsync(GutSkinDb db, string userId, DateOnly date, string? note, bool setNote, IReadOnlyList<(int ItemId, double Value)> values, bool replace, DateTime now, DayCondition condition, CancellationToken ct)
    {
        if (condition is { Absent: false, AnyExisting: false, Revisions.Count: 0 })
        {
            return null;
        }

        var revision = DayETag.NewRevision();
        var packed = replace ? ValuePacking.Pack(values)
            : values.Count == 0 ? null
            : ValuePacking.Merge(await db.JournalDays.Where(d => d.UserId == userId && d.Date == date).Select(d => d.PackedValues).FirstOrDefaultAsync(ct), values);
        List<object> parameters = [userId, date, (setNote ? note : null) is { } text ? text : DBNull.Value, now, revision, packed ?? ValuePacking.Empty];
        string sql;
        if (condition.Absent)
        {
            // Only a day nobody has logged: the insert does nothing when the row exists, and then nothing is written.
            sql = """INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision", "PackedValues") VALUES ({0}, {1}, {2}, {3}, {4}, {5}) ON CONFLICT ("UserId", "Date") DO NOTHING""";
        }
        else
        {
            sql = """UPDATE "JournalDays" SET "UpdatedAt" = {3}, "Revision" = {4}""" + (setNote ? """, "Note" = {2}""" : "")
                + (packed is null ? "" : """, "PackedValues" = {5}""") + """ WHERE "UserId" = {0} AND "Date" = {1}""";
            if (!condition.AnyExisting)
            {
                sql += $""" AND "Revision" IN ({string.Join(", ", condition.Revisions.Select((_, i) => $"{{{parameters.Count + i}}}"))})""";
                parameters.AddRange(condition.Revisions.Cast<object>());
            }
        }

        sql += """ RETURNING "Id" AS "Value" """;
        var written = await db.Database.SqlQueryRaw<long>(sql, [.. parameters]).ToListAsync(ct);
        return written.Count == 0 ? null : revision;
    }

    /// <summary>A day as it is stored: its note (null for none) and whether to set it, its values, whether it is the whole day.</summary>
    internal sealed record DayRows(DateOnly Date, string? Note, bool SetNote, IReadOnlyList<(TrackedItem Item, double Value)> Values, bool WholeDay)
    {
        public TaggedDay Tagged(DateTime now, long revision) => new(DayResponse.From(Date, Note, now, Values), DayETag.Format(revision));
    }

    public async Task<bool> DeleteDayAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var deleted = await db.JournalDays.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct) > 0;
        if (deleted)
        {
            await JournalVersion.BumpAsync(db, userId, ct);
        }

        return deleted;
    }
}
