namespace GutSkin.Analysis;

/// <summary>One tracked item of a journal, as the analysis sees it.</summary>
/// <param name="Key">Unique lower-case snake_case key, e.g. <c>sugary_foods</c>.</param>
/// <param name="Label">Label shown to the member, e.g. <c>Sugary foods and drinks</c>.</param>
/// <param name="Group">Skin, gut or habit.</param>
/// <param name="IsYesNo">True when values are 1 (yes) or 0 (no); any value other than 0 counts as yes.</param>
/// <param name="Unit">Unit of one step of the value, used in finding text: <c>point</c>, <c>serving</c>,
/// <c>L</c>, <c>h</c>, or empty for yes/no items and unitless custom items.</param>
public sealed record SeriesItem(string Key, string Label, ItemGroup Group, bool IsYesNo, string Unit);
