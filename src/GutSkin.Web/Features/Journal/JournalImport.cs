using System.Text;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>Imports a journal CSV or a JSON export: all rows or none, and the same file twice changes nothing.</summary>
public sealed class JournalImport(GutSkinDb db, ItemService items, MemberClock clock, WriteGate gate)
{
    public async Task<(ImportResult? Result, List<ImportError> Errors)> ImportCsvAsync(Member member, Stream csv, CancellationToken ct)
    {
        var byKey = await items.ByKeyAsync(member.Id, ct);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (rows, errors) = JournalCsv.Parse(reader, key => byKey.GetValueOrDefault(key), clock.Today(member.TimeZone).AddDays(1));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var days = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (Values: g.ToDictionary(r => r.Item.Id, r => r.Value), Note: (string?)null, HasNote: false));
        using (await gate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ApplyAsync(member.Id, days, ct);
            await transaction.CommitAsync(ct);
        }

        return (new ImportResult(rows.Count, days.Count, 0), errors);
    }

    /// <summary>Takes back a JSON export: creates the custom items it defines, then the days with their notes.</summary>
    public async Task<(ImportResult? Result, List<ImportError> Errors)> ImportJsonAsync(Member member, JournalExport export, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        // The profile travels too: without its time zone, "today" would move for the member after a move.
        if (export.Profile is { } profile)
        {
            foreach (var (field, messages) in AccountSetup.ValidateProfile(profile.DisplayName, profile.TimeZone))
            {
                errors.Add(new ImportError(0, $"profile.{field}: {messages[0]}", $"profile.{field}"));
            }
        }

        var byKey = await items.ByKeyAsync(member.Id, ct);
        var newItems = new List<TrackedItem>();
        var line = 0;
        foreach (var item in export.Items ?? [])
        {
            line++;
            if (item is null)
            {
                errors.Add(new ImportError(line, $"items[{line - 1}]: an item must be an object.", $"items[{line - 1}]"));
                continue;
            }

            // A missing key falls through to the item rules below, which name it.
            if (item.Key is not null && byKey.TryGetValue(item.Key, out var existing))
            {
                if (!string.Equals(existing.Group.ToString(), item.Group, StringComparison.OrdinalIgnoreCase) || ItemKinds.ToJson(existing.Kind) != item.Kind)
                {
                    errors.Add(new ImportError(line, $"items[{line - 1}]: '{item.Key}' already exists here with another group or kind.", $"items[{line - 1}]"));
                }

                continue;
            }

            var request = new CreateItemRequest(item.Key, item.Label, item.Group, item.Kind, item.Min, item.Max, item.Unit);
            var problems = ItemService.Validate(request, byKey, out var created, member.Id);
            if (created is null)
            {
                errors.Add(new ImportError(line, $"items[{line - 1}]: {string.Join(" ", problems.SelectMany(p => p.Value))}", $"items[{line - 1}]"));
                continue;
            }

            created.Archived = item.Archived;
            newItems.Add(created);
            byKey[created.Key] = created;
        }

        var latest = clock.Today(member.TimeZone).AddDays(1);
        var parsed = new Dictionary<DateOnly, (Dictionary<string, double> Values, string? Note)>();
        var dayIndex = 0;
        foreach (var day in export.Days ?? [])
        {
            dayIndex++;
            var where = $"days[{dayIndex - 1}]";
            if (day is null)
            {
                errors.Add(new ImportError(dayIndex, $"{where}: a day must be an object.", where));
                continue;
            }

            if (!JournalService.TryParseDate(day.Date, out var date))
            {
                errors.Add(new ImportError(dayIndex, $"{where}: {JournalService.NotADate(day.Date)}", $"{where}.date"));
                continue;
            }

            if (date > latest || parsed.ContainsKey(date))
            {
                errors.Add(new ImportError(dayIndex, date > latest ? $"{where}: {day.Date} is in the future." : $"{where}: {day.Date} appears twice.", $"{where}.date"));
                continue;
            }

            if (day.Note is { Length: > JournalRules.MaxNoteLength })
            {
                errors.Add(new ImportError(dayIndex, $"{where}: the note is over {JournalRules.MaxNoteLength} characters.", $"{where}.note"));
            }
            else if (TextInput.HasNul(day.Note))
            {
                errors.Add(new ImportError(dayIndex, $"{where}: {TextInput.NulMessage}", $"{where}.note"));
            }

            foreach (var (key, value) in day.Values ?? new Dictionary<string, double>())
            {
                if (!byKey.TryGetValue(key, out var item))
                {
                    errors.Add(new ImportError(dayIndex, $"{where}: '{key}' is not one of your tracked items.", $"{where}.values.{key}"));
                }
                else if (ItemKinds.Check(item, value) is { } problem)
                {
                    errors.Add(new ImportError(dayIndex, $"{where}: {key} {problem}.", $"{where}.values.{key}"));
                }
            }

            parsed[date] = (new Dictionary<string, double>(day.Values ?? new Dictionary<string, double>()), day.Note);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        using var writing = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Items.AddRange(newItems);
        await db.SaveChangesAsync(ct);
        if (export.Profile is { } imported)
        {
            await db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.DisplayName, u => imported.DisplayName == null ? u.DisplayName : imported.DisplayName.Trim())
                .SetProperty(u => u.TimeZone, u => imported.TimeZone ?? u.TimeZone), ct);
        }

        var days = parsed.ToDictionary(p => p.Key, p => (Values: p.Value.Values.ToDictionary(v => byKey[v.Key].Id, v => v.Value), p.Value.Note, HasNote: true));
        await ApplyAsync(member.Id, days, ct);
        await transaction.CommitAsync(ct);
        return (new ImportResult(days.Sum(d => d.Value.Values.Count), days.Count, newItems.Count), errors);
    }

    /// <summary>Writes the days. Callers hold the write gate and a transaction, so a failure leaves the journal as it was.</summary>
    private async Task ApplyAsync(string userId, Dictionary<DateOnly, (Dictionary<int, double> Values, string? Note, bool HasNote)> days, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return;
        }

        var now = clock.UtcNow;
        // The member's row before any day, in the order every journal write takes its locks (see JournalService.SaveDayAsync).
        await JournalVersion.BumpAsync(db, userId, ct);
        foreach (var (date, (values, note, hasNote)) in days.OrderBy(d => d.Key))
        {
            // A CSV row replaces that day's value for that item only; a JSON day is the whole day, note included.
            await JournalService.WriteDayAsync(db, userId, date, string.IsNullOrWhiteSpace(note) ? null : note, setNote: hasNote,
                [.. values.Select(v => (v.Key, v.Value))], replace: hasNote, now, condition: null, ct);
        }
    }
}
