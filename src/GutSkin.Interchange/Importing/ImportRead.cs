namespace GutSkin.Interchange.Importing;

/// <summary>
/// An uploaded export as read: its format, separator and decimal mark, the order of its numeric dates, what it says
/// about each day (<see cref="Observations"/>), the lines that carry nothing to import (<see cref="Skipped"/>, with
/// why) and the lines that cannot be read (<see cref="Problems"/>: a file with any imports nothing).
/// </summary>
public sealed class ImportRead
{
    public required string Format { get; init; }

    /// <summary>comma, semicolon or tab.</summary>
    public required string Separator { get; init; }

    /// <summary>True when some value used ',' as its decimal mark.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>The order numeric dates are read in; null while it is a question (or when no order fits).</summary>
    public DateOrder? DateOrder { get; init; }

    /// <summary>True when every numeric date fits both orders and the member has not said which one the file uses.</summary>
    public bool DateOrderAsked { get; init; }

    public IReadOnlyList<Observation> Observations { get; init; } = [];

    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    public IReadOnlyList<ImportProblem> Skipped { get; init; } = [];

    /// <summary>Each date text of the file and the day it names (empty while the order is asked).</summary>
    public IReadOnlyDictionary<string, DateOnly> Dates { get; init; } = new Dictionary<string, DateOnly>();

    /// <summary>The first and last day of the file, once its dates are known.</summary>
    public (DateOnly From, DateOnly To)? Range => Dates.Count == 0 ? null : (Dates.Values.Min(), Dates.Values.Max());
}
