using System.Text.Json.Serialization;

namespace GutSkin.Web.Features.Journal;

public static class JournalRules
{
    public const int MaxNoteLength = 2000;

    /// <summary>Imports larger than this are refused with 413: five years of a full journal is about 1.5 MB.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    public const string DateFormat = GutSkin.Analyze.JournalCsvFormat.DateFormat;
}

/// <summary>Body of <c>PUT /api/journal/{date}</c>: the whole day; items left out are missing.</summary>
/// <remarks>Values are JSON numbers: a string such as "3" is the wrong type (the web defaults would accept it).</remarks>
public sealed record DayRequest([property: JsonNumberHandling(JsonNumberHandling.Strict)] Dictionary<string, double?>? Values, string? Note);

public sealed record DayResponse(
    string Date,
    IReadOnlyDictionary<string, double> Values,
    string? Note,
    double? SkinScore,
    double? GutScore,
    DateTimeOffset UpdatedAt);

public sealed record ImportError(int Line, string Message);

public sealed record ImportResult(int Rows, int Days, int CreatedItems);

/// <summary>The JSON export, also accepted back by the import: everything needed to move a history without loss.</summary>
public sealed record JournalExport(
    int Version,
    DateTimeOffset ExportedAt,
    ExportProfile? Profile,
    IReadOnlyList<ExportItem>? Items,
    IReadOnlyList<ExportDay>? Days);

public sealed record ExportProfile(string? DisplayName, string? TimeZone);

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

public sealed record ExportDay(string Date, [property: JsonNumberHandling(JsonNumberHandling.Strict)] IReadOnlyDictionary<string, double>? Values, string? Note);
