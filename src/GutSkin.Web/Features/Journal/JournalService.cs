using System.Globalization;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>Reads and writes a member's journal; shared by the Today page, the import and the API.</summary>
public sealed class JournalService(GutSkinDb db, MemberClock clock, ItemService items)
{
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, JournalRules.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly date) => date.ToString(JournalRules.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A member may log today and tomorrow (travel, late nights), never further ahead.</summary>
    public static string? CheckDate(DateOnly date, DateOnly today) =>
        date > today.AddDays(1) ? $"{Format(date)} is more than one day ahead of your today ({Format(today)})." : null;

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

        return errors;
    }

    /// <summary>Replaces the day: items not given become missing. Safe against two first saves of the same day racing.</summary>
    public async Task<JournalDay> SaveDayAsync(string userId, DateOnly date, IReadOnlyDictionary<string, TrackedItem> itemsByKey, IReadOnlyDictionary<string, double?>? values, string? note, CancellationToken ct)
    {
        var wanted = new Dictionary<int, double>();
        foreach (var (key, value) in values ?? new Dictionary<string, double?>())
        {
            if (value is { } v)
            {
                wanted[itemsByKey[key].Id] = v;
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var day = await db.JournalDays.Include(d => d.Values).FirstOrDefaultAsync(d => d.UserId == userId && d.Date == date, ct);
            if (day is null)
            {
                day = new JournalDay { UserId = userId, Date = date, UpdatedAt = clock.UtcNow };
                db.JournalDays.Add(day);
            }

            Apply(day, wanted, replace: true);
            day.Note = string.IsNullOrWhiteSpace(note) ? null : note;
            day.UpdatedAt = clock.UtcNow;
            try
            {
                await db.SaveChangesAsync(ct);
                return day;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request created the same day first: start again from what it wrote.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<bool> DeleteDayAsync(string userId, DateOnly date, CancellationToken ct) =>
        await db.JournalDays.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct) > 0;

    public async Task<List<DayResponse>> GetDaysAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken ct)
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

        var days = await query.OrderBy(d => d.Date)
            .Select(d => new { d.Date, d.Note, d.UpdatedAt, Values = d.Values.Select(v => new { v.ItemId, v.Value }).ToList() })
            .ToListAsync(ct);
        return [.. days.Select(d => ToResponse(d.Date, d.Note, d.UpdatedAt, d.Values.Select(v => (byId[v.ItemId], v.Value))))];
    }

    public static DayResponse ToResponse(DateOnly date, string? note, DateTimeOffset updatedAt, IEnumerable<(TrackedItem Item, double Value)> values)
    {
        var map = new SortedDictionary<string, double>(StringComparer.Ordinal);
        double skinSum = 0, gutSum = 0;
        int skinCount = 0, gutCount = 0;
        foreach (var (item, value) in values)
        {
            map[item.Key] = value;
            if (item.Group == ItemGroup.Skin)
            {
                skinSum += value;
                skinCount++;
            }
            else if (Scores.GutScoreKeys.Contains(item.Key) && !item.IsCustom)
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

    /// <summary>Sets the given values on a day; with <paramref name="replace"/> the others are removed.</summary>
    internal static void Apply(JournalDay day, IReadOnlyDictionary<int, double> values, bool replace)
    {
        if (replace)
        {
            day.Values.RemoveAll(v => !values.ContainsKey(v.ItemId));
        }

        foreach (var (itemId, value) in values)
        {
            var existing = day.Values.Find(v => v.ItemId == itemId);
            if (existing is null)
            {
                day.Values.Add(new JournalValue { ItemId = itemId, Value = value });
            }
            else
            {
                existing.Value = value;
            }
        }
    }
}

/// <summary>The derived daily scores of PRODUCT.md.</summary>
public static class Scores
{
    public static readonly IReadOnlySet<string> GutScoreKeys = new HashSet<string>(["bloating", "constipation", "irregular_digestion"], StringComparer.Ordinal);
}
