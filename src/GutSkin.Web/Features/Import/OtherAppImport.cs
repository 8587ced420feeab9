using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Interchange.Importing;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Features.Import;

/// <summary>
/// Imports another app's export (Flaredown, Bearable, Daylio, any spreadsheet): a preview that proposes a mapping and
/// stores nothing, then the import of the mapping the member confirmed, all or nothing, through the journal's one
/// write path (<see cref="JournalService.WriteManyAsync"/>) with the new items in the same transaction. A GutSkin JSON
/// export goes to <see cref="JournalImport"/>, as on the Data page.
/// </summary>
public sealed class OtherAppImport(JournalService journal, JournalReader reader, ItemService items, JournalImport ownImport, MemberClock clock)
{
    public const string Keep = "keep";
    public const string Replace = "replace";

    public async Task<ImportOutcome<ImportPreview>> PreviewAsync(Member member, string text, DateOrder? answer, CancellationToken ct)
    {
        if (IsJson(text))
        {
            return new(new ImportPreview(ImportFormats.GutSkin, "", false, null, null, null, [], [], new ImportConflicts(0, null, null), [], 0));
        }

        var read = ImportReader.Read(text, answer);
        if (read.Problems.Count > 0)
        {
            return new(null, Rows: [.. read.Problems]);
        }

        var byKey = await items.ByKeyAsync(member.Id, ct);
        var proposed = new HashSet<string>(StringComparer.Ordinal);
        var entries = ImportProposer.Propose(read, [.. byKey.Values], name =>
            ItemKeySuggestion.From(name, key => byKey.ContainsKey(key) || proposed.Contains(key)) is { } key && proposed.Add(key) ? key : null);
        if (read.DateOrderAsked)
        {
            return new(new ImportPreview(read.Format, read.Separator, read.DecimalComma, null, null, null, entries, [DateQuestion(read)], new ImportConflicts(0, null, null), [], read.Skipped.Count));
        }

        var (all, _, _) = Resolve(member, [.. entries.Select(e => e.Mapping)], byKey);
        var plan = ImportPlanner.Plan(read, entries, all.GetValueOrDefault, clock.Today(member.TimeZone));
        var existing = await reader.LoggedDatesAsync(member.Id, plan.Dates, ct);
        return new(new ImportPreview(
            read.Format, read.Separator, read.DecimalComma, OrderName(read.DateOrder), Text(read.Range?.From), Text(read.Range?.To), entries, [],
            existing.Count == 0 ? new ImportConflicts(0, null, null) : new ImportConflicts(existing.Count, Text(existing.Min()), Text(existing.Max())), [.. plan.Problems.Take(50)], plan.Skipped.Count));
    }

    /// <summary>Imports <paramref name="text"/> as <paramref name="mappingJson"/> says; <paramref name="conflicts"/> is keep (the default) or replace.</summary>
    public async Task<ImportOutcome<ImportSummary>> ImportAsync(Member member, string text, string? mappingJson, DateOrder? answer, string? conflicts, CancellationToken ct)
    {
        if (IsJson(text))
        {
            return await ImportOwnJsonAsync(member, text, ct);
        }

        if (conflicts is not (null or "" or Keep or Replace))
        {
            return new(null, Fields: new() { ["conflicts"] = ["Days already in your journal: keep (yours stay) or replace (the file's values replace yours)."] });
        }

        if (ReadMapping(mappingJson, out var entries) is { } mappingError)
        {
            return new(null, Fields: new() { ["mapping"] = [mappingError] });
        }

        var read = ImportReader.Read(text, answer);
        if (read.DateOrderAsked)
        {
            return new(null, Fields: new() { ["dateOrder"] = [DateQuestion(read).Text] });
        }

        if (read.Problems.Count > 0)
        {
            return new(null, Rows: [.. read.Problems]);
        }

        if (ImportMapping.Check(entries!) is { Count: > 0 } checks)
        {
            return new(null, Fields: checks);
        }

        var (all, created, errors) = Resolve(member, [.. entries!.Select(e => e!.Mapping)], await items.ByKeyAsync(member.Id, ct));
        if (errors.Count > 0)
        {
            return new(null, Fields: errors);
        }

        var plan = ImportPlanner.Plan(read, entries!.OfType<ImportEntry>().ToList(), all.GetValueOrDefault, clock.Today(member.TimeZone));
        return plan.Problems.Count > 0 ? new(null, Rows: plan.Problems) : await WriteAsync(member, plan, created, conflicts == Replace, ct);
    }

    /// <summary>The plan's days through the journal's batch write, the days already there kept or written over in the same transaction.</summary>
    private async Task<ImportOutcome<ImportSummary>> WriteAsync(Member member, ImportPlan plan, List<TrackedItem> created, bool replace, CancellationToken ct)
    {
        var dates = plan.Dates;
        var write = new JournalWrite([.. dates.Select(d => new DayEntry(
            d, plan.Days.TryGetValue(d, out var values) ? values.ToDictionary(v => v.Key, v => (double?)v.Value, StringComparer.Ordinal) : null, plan.Notes.GetValueOrDefault(d), WholeDay: false))])
        {
            NewItems = created,
        };
        var written = await journal.WriteManyAsync(member, write, replace ? ExistingDays.Replace : ExistingDays.Keep, ct);
        if (written.Outcome != WriteOutcome.Saved)
        {
            return new(null, Rows: [.. written.Problems.Select(p => new ImportProblem(plan.FirstLine[dates[p.Index]], p.Message))]);
        }

        return new(new ImportSummary(written.Days, written.Values, created.Count, written.Kept.Count, plan.Skipped.Count, [.. plan.Skipped.Take(100)])
        {
            Notes = written.Notes,
            NotesShortened = plan.Shortened.Count(d => !written.Kept.Contains(d)),
        });
    }

    private async Task<ImportOutcome<ImportSummary>> ImportOwnJsonAsync(Member member, string text, CancellationToken ct)
    {
        JournalExport? export;
        try
        {
            export = JsonSerializer.Deserialize<JournalExport>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return new(null, Fields: new() { ["file"] = [$"The JSON file could not be read at {e.Path}: it should be a GutSkin JSON export."] });
        }

        var (result, errors) = export is null ? (null, []) : await ownImport.ImportJsonAsync(member, export, ct);
        return result is null
            ? new(null, Rows: [.. errors.Select(e => new ImportProblem(e.Line, e.Message))])
            : new(new ImportSummary(result.Days, result.Rows, result.CreatedItems, 0, 0, []));
    }

    /// <summary>
    /// The items a mapping names: existing ones, and new ones checked by the Items rules (<see cref="ItemService.Validate"/>).
    /// A new item whose key exists with the same group and kind is that item: the same file and mapping twice change nothing.
    /// </summary>
    private static (Dictionary<string, TrackedItem> All, List<TrackedItem> Created, Dictionary<string, string[]> Errors) Resolve(
        Member member, List<ImportMapping> mappings, Dictionary<string, TrackedItem> byKey)
    {
        var all = new Dictionary<string, TrackedItem>(byKey, StringComparer.Ordinal);
        var created = new List<TrackedItem>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            var where = $"mapping[{i}]";
            if (m.Action == ImportMapping.ToItem && !all.ContainsKey(m.Item!))
            {
                errors[$"{where}.item"] = [DayRules.UnknownItem(m.Item)];
            }
            else if (m.Action == ImportMapping.ToNew && all.TryGetValue(m.Item!, out var existing))
            {
                if (!string.Equals(existing.Group.ToString(), m.Group, StringComparison.OrdinalIgnoreCase) || existing.Kind.Name != m.Kind)
                {
                    errors[$"{where}.item"] = [$"'{m.Item}' is already one of your items, with another group or kind: choose another key."];
                }
            }
            else if (m.Action == ImportMapping.ToNew)
            {
                var problems = ItemService.Validate(new CreateItemRequest(m.Item, m.Label, m.Group, m.Kind, m.Min, m.Max, m.Unit), all, out var item, member.Id);
                foreach (var (field, messages) in problems)
                {
                    errors[$"{where}.{(field == "key" ? "item" : field)}"] = messages;
                }

                if (item is not null)
                {
                    all[item.Key] = item;
                    created.Add(item);
                }
            }
        }

        return (all, created, errors);
    }

    private static string? ReadMapping(string? json, out List<ImportEntry?>? entries)
    {
        entries = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return "Send the entries of the preview, edited or not, as a JSON array.";
        }

        try
        {
            entries = JsonSerializer.Deserialize<List<ImportEntry?>>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return $"The mapping could not be read at {e.Path}: it is the preview's entries as a JSON array.";
        }

        return entries is null ? "The mapping is a JSON array of entries." : null;
    }

    /// <summary>Reads the answer to the date-order question: dayFirst or monthFirst; empty is no answer.</summary>
    public static bool TryReadOrder(string? text, out DateOrder? order)
    {
        order = text?.Trim().ToLowerInvariant() switch
        {
            "dayfirst" => DateOrder.DayFirst,
            "monthfirst" => DateOrder.MonthFirst,
            _ => null,
        };
        return order is not null || string.IsNullOrWhiteSpace(text);
    }

    public static string? OrderName(DateOrder? order) => order switch
    {
        DateOrder.DayFirst => "dayFirst",
        DateOrder.MonthFirst => "monthFirst",
        _ => null,
    };

    private static ImportQuestion DateQuestion(ImportRead read)
    {
        var examples = read.Observations.Select(o => o.Date).Distinct(StringComparer.Ordinal).Take(3).ToList();
        return new ImportQuestion("dateOrder", $"Every date in the file fits both orders (such as {examples[0]}): is the day first or the month first?", ["dayFirst", "monthFirst"], examples);
    }

    private static bool IsJson(string text) => text.AsSpan().TrimStart().TrimStart('\uFEFF').StartsWith("{", StringComparison.Ordinal);

    private static string? Text(DateOnly? date) => date is { } d ? JournalDates.ToText(d) : null;
}
