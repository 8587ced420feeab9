using System.Text.Json.Serialization;
using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Features.Journal;

public static class JournalRules
{
    /// <summary>Imports larger than this are refused with 413: five years of a full journal is about 1.5 MB.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    /// <summary>A zip export carries the photos too: up to 200 MB, held in memory (never spooled to disk, where its
    /// photos would lie unencrypted), so an import's peak is about twice this (the zip and its processed photos).</summary>
    public const long MaxZipImportBytes = 200L * 1024 * 1024;
}

/// <summary>Body of <c>PUT /api/journal/{date}</c>: the whole day; items left out are missing.</summary>
/// <remarks>Values are JSON numbers: a string such as "3" is the wrong type (the web defaults would accept it).</remarks>
public sealed record DayRequest([property: JsonNumberHandling(JsonNumberHandling.Strict)] Dictionary<string, double?>? Values = null, string? Note = null);

public sealed record DayResponse(
    string Date,
    IReadOnlyDictionary<string, double> Values,
    string? Note,
    double? SkinScore,
    double? GutScore,
    DateTimeOffset UpdatedAt)
{
    /// <summary>A stored day as the API answers it: values by key in ordinal order, and the day's scores.</summary>
    public static DayResponse From(DateOnly date, string? note, DateTime updatedAt, IEnumerable<(TrackedItem Item, double Value)> values)
    {
        // Keys in ordinal order, so every answer lists a day's values the same way; a plain dictionary keeps that order.
        var sorted = values.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Item.Key, b.Item.Key));
        var map = new Dictionary<string, double>(sorted.Count, StringComparer.Ordinal);
        foreach (var (item, value) in sorted)
        {
            map[item.Key] = value;
        }

        var (skin, gut) = DailyScores.Of(sorted.Select(v => (v.Item.Group, v.Item.Key, v.Value)));
        return new DayResponse(JournalDates.ToText(date), map, note, skin, gut, updatedAt.ToOffset());
    }
}

/// <summary>
/// One day to write. A whole day (the API's PUT, the Today page, a JSON export's day) becomes exactly these values
/// and this note; otherwise (CSV rows, another app's export) only these items change, and the note only when one is
/// given. A null value is missing.
/// </summary>
public sealed record DayEntry(DateOnly Date, IReadOnlyDictionary<string, double?>? Values, string? Note = null, bool WholeDay = true);

/// <summary>A write of the journal: its days, and for an If-Match the condition the stored day must meet.</summary>
public sealed record JournalWrite(IReadOnlyList<DayEntry> Days)
{
    public DayCondition? Condition { get; init; }

    /// <summary>Custom items created with the days, in the same transaction (a JSON export's items).</summary>
    public IReadOnlyList<TrackedItem> NewItems { get; init; } = [];

    /// <summary>More work done in the same transaction before the days are written (a JSON export's profile).</summary>
    public Func<GutSkinDb, CancellationToken, Task>? Also { get; init; }
}

/// <summary>What a write does with days already in the journal: writes over them (the default), or leaves them as they are.</summary>
public enum ExistingDays
{
    Replace,
    Keep,
}

public enum WriteOutcome
{
    Saved,

    /// <summary>A day broke a rule: nothing was written.</summary>
    Invalid,

    /// <summary>The If-Match condition did not hold: nothing was written (412).</summary>
    Stale,
}

/// <summary>What is wrong with one day of a write: its position in the write, the field and the message.</summary>
public sealed record DayProblem(int Index, string Field, string Message);

/// <summary>The answer of <see cref="JournalService.WriteAsync"/>; <paramref name="Day"/> is the day written when the write was one whole day.</summary>
public sealed record JournalWriteResult(WriteOutcome Outcome, IReadOnlyList<DayProblem> Problems, TaggedDay? Day = null, int Days = 0, int Values = 0)
{
    /// <summary>The days already in the journal that a write with <see cref="ExistingDays.Keep"/> left as they were.</summary>
    public IReadOnlySet<DateOnly> Kept { get; init; } = new HashSet<DateOnly>();

    /// <summary>The days written with a note.</summary>
    public int Notes { get; init; }

    /// <summary>The problems of a one-day write, keyed by field as a validation problem wants them.</summary>
    public Dictionary<string, string[]> Errors => Problems.ToDictionary(p => p.Field, p => new[] { p.Message }, StringComparer.Ordinal);
}

/// <summary>A day with its strong ETag, sent in the <c>ETag</c> header beside the JSON.</summary>
public sealed record TaggedDay(DayResponse Day, string ETag);

/// <summary>One refused row: its line (CSV) or position (JSON), and for JSON the path of what is wrong (<c>days[3]</c>).</summary>
public sealed record ImportError(int Line, string Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null);

/// <summary>What an import stored: values, days, new custom items and (a zip's) photos.</summary>
public sealed record ImportResult(int Rows, int Days, int CreatedItems, int Photos = 0);

/// <summary>The JSON export, also accepted back by the import: everything needed to move a history without loss.</summary>
/// <remarks>On import every part is optional: a file with only <c>days</c> is fine.</remarks>
public sealed record JournalExport(
    int Version = 1,
    DateTimeOffset? ExportedAt = null,
    ExportProfile? Profile = null,
    IReadOnlyList<ExportItem>? Items = null,
    IReadOnlyList<ExportDay>? Days = null);

public sealed record ExportProfile(string? DisplayName = null, string? TimeZone = null);

public sealed record ExportItem(
    string Key,
    string Label,
    string Group,
    string Kind,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double Min,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double Max,
    string Unit,
    bool Custom,
    bool Archived);

public sealed record ExportDay(string Date, [property: JsonNumberHandling(JsonNumberHandling.Strict)] IReadOnlyDictionary<string, double>? Values = null, string? Note = null);
