namespace GutSkin.Analysis.Tests;

public sealed class DayRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static Dictionary<string, string> Check(DateOnly date, Dictionary<string, double?>? values, string? note = null) =>
        DayRules.Check<CatalogItem>(date, Today, values, key => BuiltInCatalog.TryGet(key, out var item) ? item : null, note);

    [Fact]
    public void Check_AGoodDay_HasNoErrors() =>
        Assert.Empty(Check(Today.AddDays(1), new() { ["redness"] = 3, ["water"] = 1.5, ["stool_form"] = null }, "fine"));

    [Fact]
    public void Check_EveryField_IsNamedOnce_WithItsMessage()
    {
        var errors = Check(Today.AddDays(2), new() { ["unicorn"] = 1, ["redness"] = 11, ["probiotic_supplement"] = 0.5 }, new string('n', 2001));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["date"] = "2026-06-17 is more than one day ahead of your today (2026-06-15).",
                ["values.unicorn"] = "'unicorn' is not one of your tracked items.",
                ["values.redness"] = "Redness / rosacea must be between 0 and 10.",
                ["values.probiotic_supplement"] = "Took a probiotic supplement must be 1 (yes) or 0 (no).",
                ["note"] = "The note is 2001 characters; at most 2000 fit.",
            },
            errors);
    }

    [Fact]
    public void Check_ADayBefore1900_IsNamedDate() =>
        Assert.Equal(["date"], Check(new DateOnly(1899, 12, 31), null).Keys);

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("nul \0 inside", StoredText.NulMessage)]
    public void CheckNote_RefusesNul(string? note, string? expected) => Assert.Equal(expected, DayRules.CheckNote(note));

    [Fact]
    public void CheckNote_ExactlyTheLimit_Fits() => Assert.Null(DayRules.CheckNote(new string('a', DayRules.MaxNoteLength)));
}
