using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using AnalysisValue = GutSkin.Analysis.JournalValue;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// The one way to read a member's journal: its days as the API answers them, its dates, and the whole journal as the
/// analysis core sees it. Other features (insights, experiments, the report, the plan, reminders, the home page)
/// read through this, never the journal's tables.
/// </summary>
public sealed class JournalReader(GutSkinDb db, ItemService items, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    public async Task<List<DayResponse>> DaysAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        [.. (await ReadDaysAsync(userId, from, to, ct)).Select(d => d.Day)];

    /// <summary>One day with its ETag, or null when the member has not logged it.</summary>
    public async Task<TaggedDay?> DayAsync(string userId, DateOnly date, CancellationToken ct) =>
        (await ReadDaysAsync(userId, date, date, ct)) is [var (day, revision)] ? new TaggedDay(day, DayETag.Format(revision)) : null;

    public Task<bool> HasDayAsync(string userId, DateOnly date, CancellationToken ct) =>
        db.JournalDays.AnyAsync(d => d.UserId == userId && d.Date == date, ct);

    public Task<int> CountDaysAsync(string userId, CancellationToken ct) =>
        db.JournalDays.CountAsync(d => d.UserId == userId, ct);

    /// <summary>The logged dates, newest first, up to <paramref name="through"/> when given, a page at a time.</summary>
    public Task<List<DateOnly>> DatesAsync(string userId, DateOnly? through, int skip, int take, CancellationToken ct) =>
        db.JournalDays.AsNoTracking().Where(d => d.UserId == userId && (through == null || d.Date <= through))
            .OrderByDescending(d => d.Date).Skip(skip).Take(take).Select(d => d.Date).ToListAsync(ct);

    /// <summary>Which of <paramref name="dates"/> (in date order) the member has logged.</summary>
    public async Task<List<DateOnly>> LoggedDatesAsync(string userId, IReadOnlyList<DateOnly> dates, CancellationToken ct)
    {
        if (dates.Count == 0)
        {
            return [];
        }

        var (from, to, asked) = (dates[0], dates[^1], dates.ToHashSet());
        return [.. (await db.JournalDays.AsNoTracking().Where(d => d.UserId == userId && d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(ct)).Where(asked.Contains)];
    }

    /// <summary>The days between two days (inclusive) that have a note, with the note, in date order.</summary>
    public async Task<List<(DateOnly Date, string Note)>> NotesAsync(string userId, DateOnly from, DateOnly to, CancellationToken ct) =>
        [.. (await db.JournalDays.AsNoTracking()
            .Where(d => d.UserId == userId && d.Date >= from && d.Date <= to && d.Note != null && d.Note != "")
            .OrderBy(d => d.Date)
            .Select(d => new { d.Date, d.Note })
            .ToListAsync(ct)).Select(d => (d.Date, d.Note!))];

    /// <summary>The values of some items between two days (inclusive).</summary>
    public async Task<List<(string Key, DateOnly Date, double Value)>> ValuesAsync(string userId, DateOnly from, DateOnly to, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var keyById = (await items.AllAsync(userId, ct)).Where(i => keys.Contains(i.Key)).ToDictionary(i => i.Id, i => i.Key);
        var days = await db.JournalDays.AsNoTracking()
            .Where(d => d.UserId == userId && d.Date >= from && d.Date <= to)
            .Select(d => new { d.Date, d.PackedValues })
            .ToListAsync(ct);
        return [.. days.SelectMany(d => ValuePacking.Unpack(d.PackedValues).Where(v => keyById.ContainsKey(v.ItemId)).Select(v => (keyById[v.ItemId], d.Date, v.Value)))];
    }

    /// <summary>The member's journal as plain series, cached by the member's journal version (every write bumps it).</summary>
    public async Task<JournalData> JournalAsync(Member member, CancellationToken ct)
    {
        var key = (nameof(JournalData), member.Id, member.JournalVersion);
        if (cache.TryGetValue(key, out JournalData? cached) && cached is not null)
        {
            return cached;
        }

        var all = await items.AllAsync(member.Id, ct);
        var keyById = all.ToDictionary(i => i.Id, i => i.Key);
        var days = await db.JournalDays.AsNoTracking()
            .Where(d => d.UserId == member.Id)
            .Select(d => new { d.Date, d.PackedValues })
            .ToListAsync(ct);
        var journal = new JournalData([.. all.Select(ToSeries)], days.SelectMany(d => ValuePacking.Unpack(d.PackedValues).Select(v => new AnalysisValue(d.Date, keyById[v.ItemId], v.Value))));
        cache.Set(key, journal, Entry);
        return journal;
    }

    private static SeriesItem ToSeries(TrackedItem item) => new(item.Key, item.Label, item.Group, item.Kind == ItemKind.YesNo, item.Unit);

    private async Task<List<(DayResponse Day, long Revision)>> ReadDaysAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var all = await items.AllAsync(userId, ct);
        var byId = all.ToDictionary(i => i.Id);
        var days = await db.JournalDays.AsNoTracking().Where(d => d.UserId == userId && (from == null || d.Date >= from) && (to == null || d.Date <= to))
            .OrderBy(d => d.Date).Select(d => new { d.Date, d.Note, d.UpdatedAt, d.Revision, d.PackedValues }).ToListAsync(ct);
        return [.. days.Select(day => (DayResponse.From(day.Date, day.Note, day.UpdatedAt, ValuePacking.Unpack(day.PackedValues).Select(v => (byId[v.ItemId], v.Value))), day.Revision))];
    }
}
