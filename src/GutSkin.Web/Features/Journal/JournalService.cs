using System.Globalization;
using System.Text;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>Reads and writes a member's journal; shared by the Today page, the import and the API.</summary>
public sealed class JournalService(GutSkinDb db, MemberClock clock, ItemService items, WriteGate gate)
{
    /// <summary>The items the gut score averages (PRODUCT.md), as the analysis core defines them.</summary>
    private static readonly HashSet<string> GutScoreKeys = new(GutSkin.Analysis.BuiltInCatalog.GutScoreKeys, StringComparer.Ordinal);

    /// <summary>The first day a journal holds (PRODUCT.md, "Dates").</summary>
    public static DateOnly Earliest => GutSkin.Analyze.JournalCsvFormat.EarliestDay;

    /// <summary>The last day anything in the app may name: plans (experiments) reach into the future, journals end at tomorrow.</summary>
    public static DateOnly Last { get; } = new(2199, 12, 31);

    /// <summary>
    /// A day the app handles, YYYY-MM-DD from <see cref="Earliest"/> to <see cref="Last"/>: every date a page, an API or an
    /// import reads comes through here, so 0001-01-01 or 9999-12-31 is refused like any other bad date, never a 500 later.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        if (GutSkin.Analyze.JournalCsvFormat.TryParseDate(text, out date) && date >= Earliest && date <= Last)
        {
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>The message for a date that <see cref="TryParseDate"/> refuses.</summary>
    public static string NotADate(string? text) =>
        $"'{text}' is not a date from {Format(Earliest)} to {Format(Last)} (YYYY-MM-DD).";

    public static string Format(DateOnly date) => date.ToString(JournalRules.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A member may log today and tomorrow (travel, late nights), never further ahead.</summary>
    public static string? CheckDate(DateOnly date, DateOnly today) =>
        date > today.AddDays(1) ? $"{Format(date)} is more than one day ahead of your today ({Format(today)})."
        : date < Earliest ? $"{Format(date)} is before {Format(Earliest)}, the first day a journal holds."
        : null;

    /// <summary>Checks a whole day; field keys follow the JSON body ("values.redness", "note").</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyDictionary<string, TrackedItem> itemsByKey, IReadOnlyDictionary<string, double?>? values, string? note)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, value) in values ?? new Dictionary<string, double?>())
        {
            if (!itemsByKey.TryGetValue(key, out var item))
            {
                errors[$"values.{key}"] = [$"'{key}' is not one of your tracked items."];
            }
            else if (value is { } v && ItemKinds.Check(item, v) is { } problem)
            {
                errors[$"values.{key}"] = [$"{item.Label} {problem}."];
            }
        }

        if (note is { Length: > JournalRules.MaxNoteLength })
        {
            errors["note"] = [$"The note is {note.Length} characters; at most {JournalRules.MaxNoteLength} fit."];
        }
        else if (TextInput.HasNul(note))
        {
            errors["note"] = [TextInput.NulMessage];
        }

        return errors;
    }

    /// <summary>
    /// Replaces the day: items not given become missing. With a <paramref name="condition"/> (If-Match) the day is
    /// written only when it holds, checked by the same statement that writes (see <see cref="WriteDayAsync"/>); null
    /// then means it did not hold and nothing was written. One upsert of the day and one of its values, in a
    /// transaction, written in SQL both providers share (ON CONFLICT … DO UPDATE, RETURNING), because this is the
    /// hottest write of the app and change tracking would triple its round trips.
    /// </summary>
    public async Task<TaggedDay?> SaveDayAsync(string userId, DateOnly date, IReadOnlyDictionary<string, TrackedItem> itemsByKey, IReadOnlyDictionary<string, double?>? values, string? note, DayCondition? condition, CancellationToken ct)
    {
        var saved = new List<(TrackedItem Item, double Value)>();
        foreach (var (key, value) in values ?? new Dictionary<string, double?>())
        {
            if (value is { } v)
            {
                saved.Add((itemsByKey[key], v));
            }
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note;
        var now = clock.UtcNow;
        long? revision;
        using (await gate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The member's row first, as the import does: every journal write of one member then takes its locks in
            // the same order, so PostgreSQL never finds two of them deadlocked.
            await JournalVersion.BumpAsync(db, userId, ct);
            revision = await WriteDayAsync(db, userId, date, note, setNote: true, [.. saved.Select(s => (s.Item.Id, s.Value))], replace: true, now, condition, ct);
            if (revision is null)
            {
                await transaction.RollbackAsync(ct);
                return null;
            }

            await transaction.CommitAsync(ct);
        }

        return new TaggedDay(ToResponse(date, note, now, saved), DayETag.Format(revision.Value));
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
    internal static async Task<long?> WriteDayAsync(GutSkinDb db, string userId, DateOnly date, string? note, bool setNote, IReadOnlyList<(int ItemId, double Value)> values, bool replace, DateTimeOffset now, DayCondition? condition, CancellationToken ct)
    {
        var revision = DayETag.NewRevision();
        long dayId;
        if (condition is not null)
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

    public async Task<List<DayResponse>> GetDaysAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        [.. (await ReadDaysAsync(userId, from, to, ct)).Select(d => d.Day)];

    /// <summary>One day with its ETag, or null when the member has not logged it.</summary>
    public async Task<TaggedDay?> GetDayAsync(string userId, DateOnly date, CancellationToken ct) =>
        (await ReadDaysAsync(userId, date, date, ct)) is [var (day, revision)] ? new TaggedDay(day, DayETag.Format(revision)) : null;

    private async Task<List<(DayResponse Day, long Revision)>> ReadDaysAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var all = await items.AllAsync(userId, ct);
        var byId = all.ToDictionary(i => i.Id);
        var query = db.JournalDays.AsNoTracking().Where(d => d.UserId == userId);
        if (from is { } f)
        {
            query = query.Where(d => d.Date >= f);
        }

        if (to is { } t)
        {
            query = query.Where(d => d.Date <= t);
        }

        // Two narrow reads joined here: the days once each (their dates and times are text in SQLite, costly to
        // parse per value), then only numbers for the values. Much cheaper than a nested collection or a flat join.
        var days = await query.OrderBy(d => d.Date).Select(d => new { d.Id, d.Date, d.Note, d.UpdatedAt, d.Revision }).ToListAsync(ct);
        var values = await query.SelectMany(d => d.Values).Select(v => new { v.DayId, v.ItemId, v.Value }).ToListAsync(ct);
        var byDay = new Dictionary<long, List<(TrackedItem, double)>>(days.Count);
        foreach (var value in values)
        {
            if (!byDay.TryGetValue(value.DayId, out var list))
            {
                byDay[value.DayId] = list = new List<(TrackedItem, double)>(24);
            }

            list.Add((byId[value.ItemId], value.Value));
        }

        var result = new List<(DayResponse, long)>(days.Count);
        foreach (var day in days)
        {
            result.Add((ToResponse(day.Date, day.Note, day.UpdatedAt, byDay.TryGetValue(day.Id, out var list) ? list : []), day.Revision));
        }

        return result;
    }

    public static DayResponse ToResponse(DateOnly date, string? note, DateTimeOffset updatedAt, IEnumerable<(TrackedItem Item, double Value)> values)
    {
        // Keys in ordinal order, so every answer lists a day's values the same way; a plain dictionary keeps that order.
        var sorted = values.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Item.Key, b.Item.Key));
        var map = new Dictionary<string, double>(sorted.Count, StringComparer.Ordinal);
        double skinSum = 0, gutSum = 0;
        int skinCount = 0, gutCount = 0;
        foreach (var (item, value) in sorted)
        {
            map[item.Key] = value;
            if (item.Group == ItemGroup.Skin)
            {
                skinSum += value;
                skinCount++;
            }
            else if (!item.IsCustom && GutScoreKeys.Contains(item.Key))
            {
                gutSum += value;
                gutCount++;
            }
        }

        return new DayResponse(Format(date), map, note,
            skinCount > 0 ? skinSum / skinCount : null,
            gutCount > 0 ? gutSum / gutCount : null,
            updatedAt);
    }
}
