using System.Globalization;
using System.Text;
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
    /// <summary>Every day of the member's journal; their values go with them (cascade).</summary>
    public Task EraseMemberAsync(string userId, CancellationToken ct) => db.JournalDays.Where(d => d.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Checks, then writes every day of <paramref name="write"/> in one transaction, or nothing. Each day is one
    /// upsert of the day row and one of its values, in SQL both providers share (see <see cref="WriteDayAsync"/>),
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
    /// Writes one day in SQL both providers share (ON CONFLICT … DO UPDATE, RETURNING): the day row, then its values,
    /// and returns the day's new revision. With <paramref name="replace"/> the day's other values are removed (a PUT,
    /// a JSON day); without, only the given items change (a CSV row). Without <paramref name="setNote"/> an existing
    /// note stays. With a <paramref name="condition"/> the day row is changed by one UPDATE whose WHERE is the
    /// condition, never inserted; no row changed means the condition failed and null is returned with nothing written.
    /// Check and write being one statement makes them atomic: on PostgreSQL a second UPDATE of the row waits for the
    /// first to commit and then re-reads the revision, on SQLite writes are serial. The caller holds the write gate
    /// and a transaction.
    /// </summary>
    private static async Task<long?> WriteDayAsync(GutSkinDb db, string userId, DateOnly date, string? note, bool setNote, IReadOnlyList<(int ItemId, double Value)> values, bool replace, DateTime now, DayCondition? condition, CancellationToken ct)
    {
        var revision = DayETag.NewRevision();
        long dayId;
        if (condition is { Absent: true })
        {
            // Only a day nobody has logged: the insert does nothing when the row exists, and then nothing is written.
            var inserted = await db.Database.SqlQuery<long>(
                $"""
                INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES ({userId}, {date}, {(setNote ? note : null)}, {now}, {revision})
                ON CONFLICT ("UserId", "Date") DO NOTHING
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
            {
                return null;
            }

            dayId = inserted[0];
        }
        else if (condition is not null)
        {
            if (!condition.AnyExisting && condition.Revisions.Count == 0)
            {
                return null;
            }

            var sql = new StringBuilder("""UPDATE "JournalDays" SET "UpdatedAt" = {0}, "Revision" = {1}""");
            List<object> parameters = [now, revision, userId, date];
            if (setNote)
            {
                sql.Append(CultureInfo.InvariantCulture, $$""", "Note" = {{{parameters.Count}}}""");
                parameters.Add(note is null ? DBNull.Value : note);
            }

            sql.Append(""" WHERE "UserId" = {2} AND "Date" = {3}""");
            if (!condition.AnyExisting)
            {
                sql.Append(""" AND "Revision" IN (""")
                    .AppendJoin(", ", condition.Revisions.Select((r, i) => $"{{{parameters.Count + i}}}"))
                    .Append(')');
                parameters.AddRange(condition.Revisions.Cast<object>());
            }

            sql.Append(""" RETURNING "Id" AS "Value" """);
            var changed = await db.Database.SqlQueryRaw<long>(sql.ToString(), [.. parameters]).ToListAsync(ct);
            if (changed.Count == 0)
            {
                return null;
            }

            dayId = changed[0];
        }
        else
        {
            dayId = setNote
                ? (await db.Database.SqlQuery<long>(
                    $"""
                    INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES ({userId}, {date}, {note}, {now}, {revision})
                    ON CONFLICT ("UserId", "Date") DO UPDATE SET "Note" = excluded."Note", "UpdatedAt" = excluded."UpdatedAt", "Revision" = excluded."Revision"
                    RETURNING "Id" AS "Value"
                    """).ToListAsync(ct))[0]
                : (await db.Database.SqlQuery<long>(
                    $"""
                    INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES ({userId}, {date}, NULL, {now}, {revision})
                    ON CONFLICT ("UserId", "Date") DO UPDATE SET "UpdatedAt" = excluded."UpdatedAt", "Revision" = excluded."Revision"
                    RETURNING "Id" AS "Value"
                    """).ToListAsync(ct))[0];
        }

        if (values.Count > 0 || replace)
        {
            await db.Database.ExecuteSqlRawAsync(ValuesSql(values.Count, replace), [dayId, .. values.SelectMany(v => new object[] { v.ItemId, v.Value })], ct);
        }

        return revision;
    }

    /// <summary>Parameter 0 is the day id, then item id and value pairs.</summary>
    private static string ValuesSql(int count, bool replace)
    {
        if (count == 0)
        {
            return """DELETE FROM "JournalValues" WHERE "DayId" = {0}""";
        }

        var ids = string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{{1 + (2 * i)}}}"));
        var rows = string.Join(", ", Enumerable.Range(0, count).Select(i => $"({{0}}, {{{1 + (2 * i)}}}, {{{2 + (2 * i)}}})"));
        var upsert = $$"""
            INSERT INTO "JournalValues" ("DayId", "ItemId", "Value") VALUES {{rows}}
            ON CONFLICT ("DayId", "ItemId") DO UPDATE SET "Value" = excluded."Value"
            """;
        return replace ? $$"""DELETE FROM "JournalValues" WHERE "DayId" = {0} AND "ItemId" NOT IN ({{ids}});""" + "\n" + upsert : upsert;
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
