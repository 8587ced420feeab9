using System.Globalization;
using GutSkin.Analysis;

namespace GutSkin.Interchange.Importing;

/// <summary>
/// What to do with one thing of an export: import it into one of the member's items (<c>item</c>), into a new custom item
/// (<c>new</c>: <see cref="Item"/> is its key, with label, group, kind and range), or not at all (<c>skip</c>). Each value
/// becomes <c>value × Multiply + Add</c>; several values of a day become one by <see cref="Combine"/>; a kind of whole
/// numbers is then rounded (halves away from zero). The notes of an export (type <see cref="NoteType"/>) go into the
/// day's note (<c>note</c>) or nowhere (<c>skip</c>).
/// </summary>
public sealed record ImportMapping(
    string Action,
    string? Item = null,
    string? Label = null,
    string? Group = null,
    string? Kind = null,
    double Multiply = 1,
    double Add = 0,
    string Combine = ImportCombine.Last,
    double? Min = null,
    double? Max = null,
    string? Unit = null)
{
    public const string ToItem = "item";
    public const string ToNew = "new";
    public const string Skip = "skip";
    public const string ToNote = "note";

    /// <summary>The type of an export's notes: their one entry's mapping is <see cref="ToNote"/> or <see cref="Skip"/>.</summary>
    public const string NoteType = "note";

    /// <summary>The conversion in words, as the preview and the page show it.</summary>
    public string Conversion => Action switch
    {
        Skip => "Not imported.",
        ToNote => "Into the day's note; several on one day are joined line by line.",
        _ => $"{Scaled()}{ImportCombine.Words(Combine)}",
    };

    private string Scaled()
    {
        var parts = new[]
        {
            Multiply != 1 ? string.Create(CultureInfo.InvariantCulture, $"× {Multiply:0.###}") : null,
            Add != 0 ? string.Create(CultureInfo.InvariantCulture, $"{(Add > 0 ? "+" : "−")} {Math.Abs(Add):0.###}") : null,
        }.OfType<string>().ToList();

        var whole = ItemKinds.TryParse(Kind, out var kind) && kind.IsWholeNumber && kind != ItemKind.YesNo;
        return parts.Count == 0 ? (whole ? "Values as they are, rounded to whole numbers; " : "Values as they are; ")
            : $"Each value {string.Join(' ', parts)}{(whole ? ", rounded to a whole number" : "")}; ";
    }

    /// <summary>Checks what needs no database: the action, the numbers, the combination rule. Keys are <c>mapping[i].field</c>.</summary>
    public static Dictionary<string, string[]> Check(IReadOnlyList<ImportEntry?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"mapping[{i}]";
            if (entries[i] is not { Mapping: { } m } entry || string.IsNullOrEmpty(entries[i]!.Name) || string.IsNullOrEmpty(entry.Type))
            {
                errors[where] = ["Each entry is an object with its name, type and mapping, as the preview gave it."];
                continue;
            }

            if (entry.Type == NoteType ? m.Action is not (ToNote or Skip) : m.Action is not (ToItem or ToNew or Skip))
            {
                errors[$"{where}.action"] = [entry.Type == NoteType ? "Notes go into the day's note (note) or nowhere (skip)." : "The action is item, new or skip."];
            }
            else if (m.Action is ToItem or ToNew && string.IsNullOrWhiteSpace(m.Item))
            {
                errors[$"{where}.item"] = ["Name the item to import into."];
            }

            if (!double.IsFinite(m.Multiply) || !double.IsFinite(m.Add) || m.Multiply == 0)
            {
                errors[$"{where}.multiply"] = ["Multiply is a number other than 0, add a number."];
            }

            if (!ImportCombine.All.Contains(m.Combine))
            {
                errors[$"{where}.combine"] = [$"Combine is one of {string.Join(", ", ImportCombine.All)}."];
            }
        }

        return errors;
    }
}

/// <summary>One distinct thing of an export, with what the file holds of it and the proposed (or edited) mapping.</summary>
public sealed record ImportEntry(string Name, string Type, int Days, double? Min, double? Max, IReadOnlyList<string> Samples, ImportMapping Mapping)
{
    /// <summary>The thing's identity in the file: its row type and name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (string Type, string Name) Thing => (Type, Name);
}

/// <summary>How several values of one day become the day's value.</summary>
public static class ImportCombine
{
    public const string Max = "max";
    public const string Sum = "sum";
    public const string Any = "any";
    public const string Last = "last";
    public const string Mean = "mean";

    public static IReadOnlyList<string> All { get; } = [Max, Sum, Any, Last, Mean];

    /// <summary>The rule for a kind: symptoms the day's highest, counts and amounts the sum, yes/no any yes, a scale the mean.</summary>
    public static string For(ItemKind kind) => kind switch
    {
        ItemKind.Severity => Max,
        ItemKind.Scale => Mean,
        ItemKind.YesNo => Any,
        _ => Sum,
    };

    public static string Words(string combine) => combine switch
    {
        Max => "several a day: the day's highest.",
        Sum => "several a day: added up.",
        Any => "any mention on a day counts as yes.",
        Mean => "several a day: their mean.",
        _ => "several a day: the last one.",
    };
}
