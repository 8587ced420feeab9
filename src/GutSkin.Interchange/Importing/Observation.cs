namespace GutSkin.Interchange.Importing;

/// <summary>
/// One thing an export says about one day: the line, the date as written, the kind of row it came from
/// (<see cref="Type"/>: <c>symptom</c>, <c>activity</c>, <c>column</c>…), the thing's name as the app wrote it, the raw
/// text of its value and that value as a number when it is one (1 for a tag, an activity, a factor).
/// </summary>
public sealed record Observation(int Line, string Date, string Type, string Name, string Raw, double? Value);

/// <summary>The formats recognised, by the names the API answers.</summary>
public static class ImportFormats
{
    public const string Flaredown = "flaredown";
    public const string Bearable = "bearable";
    public const string Daylio = "daylio";
    public const string Spreadsheet = "spreadsheet";
    public const string GutSkin = "gutskin";
}
