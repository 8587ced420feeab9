using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Photos;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// Imports a journal CSV or a JSON export: all rows or none, and the same file twice changes nothing. Both read their
/// file here and write through the journal's one write path (<see cref="JournalService.WriteAsync"/>).
/// </summary>
public sealed class JournalImport(JournalService journal, ItemService items, MemberClock clock, PhotoImport photos)
{
    /// <summary>A zip starts with a local file header: how an upload is told to be a zip, whatever its name or type.</summary>
    public static bool IsZip(ReadOnlySpan<byte> start) => start.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// Takes back a zip export (<see cref="PhotoExport"/>): its journal JSON as the JSON import does, and
    /// its photos (<see cref="PhotoImport"/>) stored in the journal write's own transaction, so a bad day, a bad
    /// photos.json or a bad image stores nothing at all. The zip must be seekable (it is read from its end).
    /// </summary>
    public async Task<(ImportResult? Result, List<ImportError> Errors)> ImportZipAsync(Member member, Stream zipFile, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(zipFile, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
        }
        catch (InvalidDataException)
        {
            return (null, [new ImportError(0, "The zip could not be read: it should be a GutSkin zip export.", "file")]);
        }

        await using (zip)
        {
            var (export, errors) = await JournalOfAsync(zip, ct);
            var (ready, photoErrors) = await photos.ReadAsync(member, zip, ct);
            errors.AddRange(photoErrors);
            if (export is null || errors.Count > 0)
            {
                return (null, errors);
            }

            var (result, journalErrors) = await ImportJsonAsync(member, export, (_, token) => photos.SaveAsync(ready, token), ct);
            return (result is null ? null : result with { Photos = ready.Count }, journalErrors);
        }
    }

    public async Task<(ImportResult? Result, List<ImportError> Errors)> ImportCsvAsync(Member member, Stream csv, CancellationToken ct)
    {
        var byKey = await items.ByKeyAsync(member.Id, ct);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (rows, errors) = JournalCsv.Parse(reader, key => byKey.GetValueOrDefault(key), clock.Today(member.TimeZone));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // A CSV row replaces that day's value for that item only: the day's other values and its note stay.
        var days = rows.GroupBy(r => r.Date).ToList();
        var written = await journal.WriteAsync(member, new JournalWrite(
            [.. days.Select(g => new DayEntry(g.Key, g.ToDictionary(r => r.Item.Key, r => (double?)r.Value, StringComparer.Ordinal), WholeDay: false))]), ct);
        return written.Outcome == WriteOutcome.Saved
            ? (new ImportResult(written.Values, written.Days, 0), errors)
            : (null, [.. written.Problems.Select(p => new ImportError(days[p.Index].First().Line, p.Message))]);
    }

    /// <summary>Takes back a JSON export: creates the custom items it defines, then the days with their notes.</summary>
    public Task<(ImportResult? Result, List<ImportError> Errors)> ImportJsonAsync(Member member, JournalExport export, CancellationToken ct) =>
        ImportJsonAsync(member, export, null, ct);

    /// <summary>The JSON export, with <paramref name="also"/> done in the same transaction after the profile (a zip's photos).</summary>
    private async Task<(ImportResult? Result, List<ImportError> Errors)> ImportJsonAsync(Member member, JournalExport export, Func<GutSkinDb, CancellationToken, Task>? also, CancellationToken ct)
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

        var newItems = NewItems(member, export, await items.ByKeyAsync(member.Id, ct), errors);
        var days = new List<DayEntry>();
        var positions = new List<int>();
        foreach (var (i, day) in Entries(export.Days, "days", "a day", errors))
        {
            var where = $"days[{i}]";
            if (!JournalDates.TryParse(day.Date, out var date))
            {
                errors.Add(new ImportError(i + 1, $"{where}: {JournalDates.NotADate(day.Date)}", $"{where}.date"));
            }
            else
            {
                days.Add(new DayEntry(date, day.Values?.ToDictionary(v => v.Key, v => (double?)v.Value, StringComparer.Ordinal), day.Note));
                positions.Add(i);
            }
        }

        var write = new JournalWrite(days)
        {
            NewItems = newItems,
            Also = async (db, token) =>
            {
                if (export.Profile is { } imported)
                {
                    await db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.DisplayName, u => imported.DisplayName == null ? u.DisplayName : imported.DisplayName.Trim())
                        .SetProperty(u => u.TimeZone, u => imported.TimeZone ?? u.TimeZone), token);
                }

                if (also is not null)
                {
                    await also(db, token);
                }
            },
        };
        var written = errors.Count > 0 ? null : await journal.WriteAsync(member, write, ct);
        if (written?.Outcome == WriteOutcome.Saved)
        {
            return (new ImportResult(written.Values, written.Days, newItems.Count), errors);
        }

        // Every bad part at once: the days' problems join those of the items, in the order of the file.
        var problems = written?.Problems ?? await journal.CheckAsync(member, write, ct);
        static bool OfADay(ImportError e) => e.Field?.StartsWith("days[", StringComparison.Ordinal) == true;
        var dayErrors = errors.Where(OfADay)
            .Concat(problems.Select(p => new ImportError(positions[p.Index] + 1, $"days[{positions[p.Index]}]: {p.Message}", $"days[{positions[p.Index]}].{p.Field}")))
            .OrderBy(e => e.Line);
        return (null, [.. errors.Where(e => !OfADay(e)), .. dayErrors]);
    }

    /// <summary>The zip's journal JSON: its one .json file at the top other than photos.json (gutskin-journal-DATE.json).</summary>
    private static async Task<(JournalExport? Export, List<ImportError> Errors)> JournalOfAsync(ZipArchive zip, CancellationToken ct)
    {
        var candidates = zip.Entries.Where(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && e.FullName != PhotoImport.ListName).ToList();
        if (candidates.Count != 1)
        {
            return (null, [new ImportError(0, $"The zip should hold one journal JSON file (gutskin-journal-DATE.json) beside {PhotoImport.ListName}; it holds {candidates.Count}.", "file")]);
        }

        var name = candidates[0].FullName;
        try
        {
            await using var stream = await candidates[0].OpenAsync(ct);
            return await JsonSerializer.DeserializeAsync<JournalExport>(stream, JsonSerializerOptions.Web, ct) is { } export
                ? (export, [])
                : (null, [new ImportError(0, $"{name} is empty.", name)]);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            var at = e is JsonException json ? $" at {json.Path}" : "";
            return (null, [new ImportError(0, $"{name} could not be read{at}: it should be a GutSkin JSON export.", name)]);
        }
    }

    /// <summary>The custom items of an export that the member does not have yet; an item that exists must match its group and kind.</summary>
    private static List<TrackedItem> NewItems(Member member, JournalExport export, Dictionary<string, TrackedItem> byKey, List<ImportError> errors)
    {
        var newItems = new List<TrackedItem>();
        foreach (var (i, item) in Entries(export.Items, "items", "an item", errors))
        {
            var where = $"items[{i}]";
            // A missing key falls through to the item rules below, which name it.
            if (item.Key is not null && byKey.TryGetValue(item.Key, out var existing))
            {
                if (!string.Equals(existing.Group.ToString(), item.Group, StringComparison.OrdinalIgnoreCase) || existing.Kind.Name != item.Kind)
                {
                    errors.Add(new ImportError(i + 1, $"{where}: '{item.Key}' already exists here with another group or kind.", where));
                }

                continue;
            }

            var request = new CreateItemRequest(item.Key, item.Label, item.Group, item.Kind, item.Min, item.Max, item.Unit);
            var problems = ItemService.Validate(request, byKey, out var created, member.Id);
            if (created is null)
            {
                errors.Add(new ImportError(i + 1, $"{where}: {string.Join(" ", problems.SelectMany(p => p.Value))}", where));
                continue;
            }

            created.Archived = item.Archived;
            newItems.Add(created);
            byKey[created.Key] = created;
        }

        return newItems;
    }

    /// <summary>The entries of one of the export's lists, by index; an entry that is null (not an object) is an error.</summary>
    private static IEnumerable<(int Index, T Entry)> Entries<T>(IReadOnlyList<T>? list, string name, string noun, List<ImportError> errors)
        where T : class
    {
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list![i] is { } entry)
            {
                yield return (i, entry);
            }
            else
            {
                errors.Add(new ImportError(i + 1, $"{name}[{i}]: {noun} must be an object.", $"{name}[{i}]"));
            }
        }
    }
}
