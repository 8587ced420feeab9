namespace GutSkin.Analysis;

/// <summary>An item's unit in a sentence, the same in the member's findings and the clinician's report.</summary>
public static class UnitWords
{
    /// <summary>How a change in an outcome is counted: "points" for scores, else the unit ("L", "h").</summary>
    public static string Outcome(string unit) => unit is "" or "point" ? "points" : unit;

    /// <summary>One unit of a factor, as in "per serving", "each extra litre".</summary>
    public static string Factor(string unit) => unit switch
    {
        "" => "unit",
        "L" => "litre",
        "h" => "hour",
        _ => unit,
    };
}
