using GutSkin.Interchange.Importing;

namespace GutSkin.Web.Features.Import;

/// <summary>
/// What GutSkin understood of an export, before anything is stored: its format, separator and decimal mark, the date
/// order (null while it is a question), the days it covers, an entry per thing with its proposed mapping, the questions
/// to answer, the days already in the journal, and the rows the proposed mapping would refuse.
/// </summary>
public sealed record ImportPreview(
    string Format,
    string Separator,
    bool DecimalComma,
    string? DateOrder,
    string? From,
    string? To,
    IReadOnlyList<ImportEntry> Entries,
    IReadOnlyList<ImportQuestion> Questions,
    ImportConflicts Conflicts,
    IReadOnlyList<ImportProblem> Problems,
    int Skipped);

/// <summary>A question the member answers before importing: the form field it goes in, the question, the answers, examples from the file.</summary>
public sealed record ImportQuestion(string Field, string Text, IReadOnlyList<string> Options, IReadOnlyList<string> Examples);

/// <summary>Days of the file already in the journal: with <c>keep</c> they stay as they are, with <c>replace</c> the file's values replace those items' values.</summary>
public sealed record ImportConflicts(int Days, string? From, string? To);

/// <summary>
/// What an import wrote: days and values, items created, days kept as they were, the rows skipped with why (the first
/// 100), the days written with a note, and of those the days whose notes were too long together and were shortened.
/// </summary>
public sealed record ImportSummary(
    int Days, int Values, int ItemsCreated, int KeptDays, int SkippedCount, IReadOnlyList<ImportProblem> Skipped, int Notes = 0, int NotesShortened = 0);

/// <summary>The answer of a preview or an import: a result, field errors (400 naming the field) or bad rows (400 with line numbers).</summary>
public sealed record ImportOutcome<T>(T? Result, Dictionary<string, string[]>? Fields = null, List<ImportProblem>? Rows = null)
    where T : class;
