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
    /// Checks, then writes every day of <paramref name="write"/> in one transaction, or nothing. Each day is one
    /// upsert of the day row with its packed values, in SQL both providers share (see <see cref="WriteDayAsync"/>),
    /// because this is the hottest write of the app and change tracking would triple its round trips; an import
    /// writes its days the same way, one after another.
    /// </summary>
    public async Task<JournalWriteResult> WriteAsync(Member member, JournalWrite write, CancellationToken ct)
    {
        var byKey = await ItemsAsync(member, write, ct);
        if (Check(write, byKey, clock.Today(member.TimeZone)) is { Count: > 0 } problems)
        {
            return new JournalWriteResult(WriteOutcome.Invalid, problems);
        }

        var now = clock.UtcNow.UtcDateTime;
        TaggedDay? single = null;
        var valueCount = 0;
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

            foreach (var day in write.Days.OrderBy(d => d.Date))
            {
                var note = string.IsNullOrWhiteSpace(day.Note) ? null : day.Note;
                List<(TrackedItem Item, double Value)> values = [.. (day.Values ?? new Dictionary<string, double?>()).Where(v => v.Value is not null).Select(v => (byKey[v.Key], v.Value!.Value))];
                var revision = await WriteDayAsync(db, member.Id, day.Date, note, setNote: day.WholeDay, [.. values.Select(v => (v.Item.Id, v.Value))], replace: day.WholeDay, now, write.Condition, ct);
                if (revision is null)
                {
                    await transaction.RollbackAsync(ct);
                    return new JournalWriteResult(WriteOutcome.Stale, []);
                }

                valueCount += values.Count;
                if (write.Days.Count == 1 && day.WholeDay)
                {
                    single = new TaggedDay(DayResponse.From(day.Date, note, now, values), DayETag.Format(revision.Value));
                }
            }

            await transaction.CommitAsync(ct);
        }

        return new JournalWriteResult(WriteOutcome.Saved, [], single, write.Days.Count, valueCount);
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
            foreach (var (field, message) in DayRules.Check(day.Date, today, day.Values, byKey.GetValueOrDefault, day.Note))
            {
                problems.Add(new DayProblem(i, field, message));
            }

            if (!dates.Add(day.Date))
            {
                problems.Add(new DayProblem(i, "date", $"{JournalDates.ToText(day.Date)} appears twice."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Writes one day in SQL both providers share (ON CONFLICT … DO UPDATE, RETURNING), one statement for the day row
    /// and its packed values (<see cref="ValuePacking"/>), and returns the day's new revision. With
    /// <paramref name="replace"/> the day's values become the given ones (a PUT, a JSON day); without, the given items
    /// are merged into the day's values (a CSV row). Without <paramref name="setNote"/> an existing note stays. With a
    /// <paramref name="condition"/> the day row is changed by one UPDATE whose WHERE is the condition, never inserted;
    /// no row changed means the condition failed and null is returned with nothing written. Check and write being one
    /// statement makes them atomic: on PostgreSQL a second UPDATE of the row waits for the first to commit and then
    /// re-reads the revision, on SQLite writes are serial. A merge reads the day's values first: the caller holds the
    /// write gate and a transaction that already updated the member's row, so no other write of this member's journal
    /// runs between the read and the write.
    /// </summary>
    private static async Task<long?> WriteDayAsync(GutSkinDb db, string userId, DateOnly date, string? note, bool setNote, IReadOnlyList<(int ItemId, double Value)> values, bool replace, DateTime now, DayCondition? condition, CancellationToken ct)
    {
        var revision = DayETag.NewRevision();
        var packed = replace ? ValuePacking.Pack(values)
            : values.Count == 0 ? null
            : ValuePacking.Merge(await db.JournalDays.Where(d => d.UserId == userId && d.Date == date).Select(d => d.PackedValues).FirstOrDefaultAsync(ct), values);
        List<object> parameters = [userId, date, (setNote ? note : null) is { } text ? text : DBNull.Value, now, revision, packed ?? ValuePacking.Empty];
        List<string> changes = ["\"UpdatedAt\" = {3}", "\"Revision\" = {4}"];
        if (setNote)
        {
            changes.Add("\"Note\" = {2}");
        }

        if (packed is not null)
        {
            changes.Add("\"PackedValues\" = {5}");
        }

        const string Insert = """INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision", "PackedValues") VALUES ({0}, {1}, {2}, {3}, {4}, {5})""";
        string sql;
        if (condition is { Absent: true })
        {
            // Only a day nobody has logged: the insert does nothing when the row exists, and then nothing is written.
            sql = Insert + """ ON CONFLICT ("UserId", "Date") DO NOTHING""";
        }
        else if (condition is not null)
        {
            if (!condition.AnyExisting && condition.Revisions.Count == 0)
            {
                return null;
            }

            sql = $$"""UPDATE "JournalDays" SET {{string.Join(", ", changes)}} WHERE "UserId" = {0} AND "Date" = {1}""";
            if (!condition.AnyExisting)
            {
                sql += $""" AND "Revision" IN ({string.Join(", ", condition.Revisions.Select((_, i) => $"{{{parameters.Count + i}}}"))})""";
                parameters.AddRange(condition.Revisions.Cast<object>());
            }
        }
        else
        {
            sql = Insert + $""" ON CONFLICT ("UserId", "Date") DO UPDATE SET {string.Join(", ", changes)}""";
        }

        sql += """ RETURNING "Id" AS "Value" """;
        var written = await db.Database.SqlQueryRaw<long>(sql, [.. parameters]).ToListAsync(ct);
        return written.Count == 0 ? null : revision;
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
