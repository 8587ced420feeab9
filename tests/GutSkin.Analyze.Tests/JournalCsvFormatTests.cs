using GutSkin.Analysis;
using GutSkin.Interchange;

namespace GutSkin.Analyze.Tests;

public sealed class JournalCsvFormatTests
{
    private static readonly Dictionary<string, CatalogItem> Catalog = BuiltInCatalog.Items.ToDictionary(i => i.Key);

    private static (List<JournalCsvRow<CatalogItem>> Rows, List<JournalCsvProblem> Problems) Parse(string csv, DateOnly? today = null) =>
        JournalCsvFormat.Parse(new StringReader(csv), Catalog.GetValueOrDefault, today);

    [Fact]
    public void ReadsRows_WithTheirLines_SkippingBlankLines()
    {
        var (rows, problems) = Parse("date,item,value\n2026-01-01,redness,3\n\n  \n2026-01-02,water,1.5\n");
        Assert.Empty(problems);
        Assert.Equal(
            [(2, new DateOnly(2026, 1, 1), "redness", 3.0), (5, new DateOnly(2026, 1, 2), "water", 1.5)],
            rows.Select(r => (r.Line, r.Date, r.Item.Key, r.Value)));
    }

    [Fact]
    public void AcceptsQuotedFields_CrLf_ABom_AndExponents()
    {
        var (rows, problems) = Parse("\uFEFFdate,item,value\r\n\"2026-01-01\",\"redness\",\"3\"\r\n2026-01-02,water,1E-05\r\n2026-01-03,water,2.5e+0\r\n");
        Assert.Empty(problems);
        Assert.Equal([("redness", 3.0), ("water", 1e-5), ("water", 2.5)], rows.Select(r => (r.Item.Key, r.Value)));
    }

    [Theory]
    [InlineData("Date,item,value")]
    [InlineData("DATE,ITEM,VALUE")]
    [InlineData("date, item, value")]
    [InlineData(" date,item,value")]
    [InlineData("date,item,value,")]
    public void AHeaderOtherThanExactlyDateItemValue_IsAProblem(string header)
    {
        var (rows, problems) = Parse($"{header}\n2026-01-01,redness,3\n");
        Assert.Empty(rows);
        Assert.Equal("The first line must be the header 'date,item,value'.", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData(" 2026-01-01,redness,3", "' 2026-01-01' is not a date (YYYY-MM-DD).")]
    [InlineData("2026-01-01 ,redness,3", "'2026-01-01 ' is not a date (YYYY-MM-DD).")]
    [InlineData("2026-01-01, redness,3", "' redness' is not one of your tracked items.")]
    [InlineData("2026-01-01,Redness,3", "'Redness' is not one of your tracked items.")]
    [InlineData("2026-01-01,redness, 3", "' 3' is not a number (use '.' as the decimal point).")]
    [InlineData("2026-01-01,redness,+3", "'+3' is not a number (use '.' as the decimal point).")]
    [InlineData("2026-01-01,\"redness \",3", "'redness ' is not one of your tracked items.")]
    public void PaddedFields_CapitalisedKeys_AndAPlusSign_AreProblems(string line, string message) =>
        Assert.Equal(message, Assert.Single(Parse($"date,item,value\n{line}\n").Problems).Message);

    [Theory]
    [InlineData("3", true)]
    [InlineData("-0.25", true)]
    [InlineData("10.0", true)]
    [InlineData("1E-05", true)]
    [InlineData("1.5e+160", true)]
    [InlineData("0.0000000001", true)]
    [InlineData("+3", false)]
    [InlineData(" 3", false)]
    [InlineData("3 ", false)]
    [InlineData(".5", false)]
    [InlineData("5.", false)]
    [InlineData("1,5", false)]
    [InlineData("1e", false)]
    [InlineData("1e+", false)]
    [InlineData("--1", false)]
    [InlineData("-", false)]
    [InlineData("", false)]
    [InlineData("Infinity", false)]
    [InlineData("NaN", false)]
    [InlineData("0x10", false)]
    [InlineData("１", false)]
    public void IsNumber_AcceptsOnlyTheFormatsDecimals(string text, bool number) =>
        Assert.Equal(number, JournalCsvFormat.IsNumber(text));

    [Fact]
    public void AQuotedFieldOverTwoLines_IsOneField_AndLaterLinesKeepTheirNumbers()
    {
        var (_, problems) = Parse("date,item,value\n2026-01-01,\"red\nness\",3\n2026-01-02,redness,12\n");
        Assert.Equal([2, 4], problems.Select(p => p.Line));
        Assert.Contains("'red\nness' is not one of your tracked items", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadLine_IsListed_WithEveryProblemOfThatLine()
    {
        var (_, problems) = Parse(
            "date,item,value\n2026-02-30,redness,3\n2026-01-01,nope,x\n2026-01-02,redness,11\n2026-01-03,probiotic_supplement,0.5\n2026-01-04,redness\n2026-01-05,redness,3.5\n");
        Assert.Equal(
            [
                (2, "'2026-02-30' is not a date (YYYY-MM-DD)."),
                (3, "'nope' is not one of your tracked items; 'x' is not a number (use '.' as the decimal point)."),
                (4, "Redness / rosacea must be between 0 and 10."),
                (5, "Took a probiotic supplement must be 1 (yes) or 0 (no)."),
                (6, "Expected 3 fields (date,item,value), found 2."),
                (7, "Redness / rosacea must be a whole number from 0 to 10."),
            ],
            problems.Select(p => (p.Line, p.Message)));
    }

    [Fact]
    public void OutOfRange_SaysTheRange()
    {
        var (_, problems) = Parse("date,item,value\n2026-01-01,redness,11\n");
        Assert.Equal("Redness / rosacea must be between 0 and 10.", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("2026-1-01")]
    [InlineData("26-01-01")]
    [InlineData("2026/01/01")]
    [InlineData("2026-13-01")]
    [InlineData("2025-02-29")]
    [InlineData("0000-01-01")]
    [InlineData("２０２６-01-01")]
    [InlineData("")]
    public void NotADate_IsAProblem(string date)
    {
        Assert.False(JournalDates.TryParse(date, out _));
        var (_, problems) = Parse($"date,item,value\n{date},redness,3\n");
        Assert.StartsWith($"'{date}' is not a date", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void RealDates_AreRead_AsTheExactFormatReadsThem(string date)
    {
        Assert.True(JournalDates.TryParse(date, out var fast));
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), fast);
    }

    [Fact]
    public void ADayGivenTwice_IsAProblemOnTheLaterLine_NamingTheEarlier_InOrderOrNot()
    {
        // In order (the same day twice in a row) and out of order (a day repeated after later days).
        var (_, inOrder) = Parse("date,item,value\n2026-01-01,redness,3\n2026-01-01,redness,4\n");
        Assert.Equal((3, "2026-01-01 redness was already given on line 2."), (Assert.Single(inOrder).Line, inOrder[0].Message));

        var (rows, outOfOrder) = Parse("date,item,value\n2026-01-01,redness,3\n2026-01-02,redness,4\n2026-01-03,redness,x\n2026-01-01,redness,5\n2026-01-01,bloating,5\n");
        Assert.Equal(
            [(4, "'x' is not a number (use '.' as the decimal point)."), (5, "2026-01-01 redness was already given on line 2.")],
            outOfOrder.Select(p => (p.Line, p.Message)));
        Assert.Equal([2, 3, 6], rows.Select(r => r.Line));
    }

    [Fact]
    public void DaysInAnyOrder_WithoutRepeats_AreAllRead()
    {
        var (rows, problems) = Parse("date,item,value\n2026-01-03,redness,3\n2026-01-01,redness,4\n2026-01-02,redness,5\n");
        Assert.Empty(problems);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void DaysAfterTheMembersTomorrow_AreTooFarAhead()
    {
        var (rows, problems) = Parse("date,item,value\n2026-01-02,redness,3\n2026-01-03,redness,3\n", today: new DateOnly(2026, 1, 1));
        Assert.Equal([new DateOnly(2026, 1, 2)], rows.Select(r => r.Date));
        Assert.Equal((3, "2026-01-03 is more than one day ahead of your today (2026-01-01)."), (Assert.Single(problems).Line, problems[0].Message));
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("0001-01-01")]
    public void DaysBefore1900_AreRefusedForAMember_AndReadByTheAnalyzeCommand(string date)
    {
        var member = Parse($"date,item,value\n{date},redness,3\n", today: new DateOnly(2026, 1, 1));
        Assert.Equal($"{date} is before 1900-01-01, the first day a journal holds.", Assert.Single(member.Problems).Message);
        Assert.Empty(Parse($"date,item,value\n{date},redness,3\n").Problems);
        Assert.Empty(Parse("date,item,value\n1900-01-01,redness,3\n", today: new DateOnly(2026, 1, 1)).Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void AnEmptyFile_IsAProblemOnLine1(string csv) =>
        Assert.Equal((1, "The file is empty; it must start with the header 'date,item,value'."), (Assert.Single(Parse(csv).Problems).Line, Parse(csv).Problems[0].Message));

    [Fact]
    public void AWrongHeader_StopsAtTheHeader()
    {
        var (rows, problems) = Parse("day,item,value\n2026-01-01,redness,3\n");
        Assert.Empty(rows);
        Assert.Equal((1, "The first line must be the header 'date,item,value'."), (Assert.Single(problems).Line, problems[0].Message));
    }

    [Fact]
    public void ResolveIsAskedOncePerDistinctKey()
    {
        var asked = new List<string>();
        JournalCsvFormat.Parse(
            new StringReader("date,item,value\n2026-01-01,redness,3\n2026-01-02,redness,3\n2026-01-02,nope,3\n2026-01-03,nope,3\n"),
            key =>
            {
                asked.Add(key);
                return Catalog.GetValueOrDefault(key);
            },
            today: null);
        Assert.Equal(["redness", "nope"], asked);
    }
}
