using GutSkin.Interchange.Importing;

namespace GutSkin.Analyze.Tests;

/// <summary>Reading other apps' exports: formats from headers, separators, quoting, dates in one order, decimal commas, formulas as text.</summary>
public sealed class ImportReaderTests
{
    [Fact]
    public void Flaredown_IsRecognised_AndItsDemographicColumnsAreNeverRead()
    {
        var read = ImportReader.Read(ImportFixtures.Flaredown(3).Text);

        Assert.Equal(ImportFormats.Flaredown, read.Format);
        Assert.Empty(read.Problems);
        var everything = read.Observations.SelectMany(o => new[] { o.Date, o.Type, o.Name, o.Raw }).ToList();
        Assert.DoesNotContain(everything, t => t.Contains("female", StringComparison.Ordinal) || t == "CA" || t == "34" || t.Contains("QEVuQwEA", StringComparison.Ordinal));
        Assert.Contains(read.Observations, o => o.Name == "Dry, flaky skin" && o.Value == 3);
    }

    [Theory]
    [InlineData("Bearable", ImportFormats.Bearable)]
    [InlineData("Daylio", ImportFormats.Daylio)]
    [InlineData("Wide", ImportFormats.Spreadsheet)]
    public void Fixture_IsRecognisedWithoutProblems(string fixture, string format)
    {
        var text = fixture switch { "Bearable" => ImportFixtures.Bearable(20).Text, "Daylio" => ImportFixtures.Daylio(20).Text, _ => ImportFixtures.Wide(20).Text };

        var read = ImportReader.Read(text);

        Assert.Equal(format, read.Format);
        Assert.Empty(read.Problems);
        Assert.Equal((new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 24)), read.Range);
    }

    [Fact]
    public void QuotedFields_KeepSeparatorsQuotesAndLineBreaks_AndLinesCountFromTheHeader()
    {
        var read = ImportReader.Read("date;what;value\r\n2026-01-05;\"Pain; \"\"sharp\"\"\nin the gut\";2\r\n2026-01-06;Itch;3\r\n");

        Assert.Equal(("semicolon", ImportFormats.Spreadsheet), (read.Separator, read.Format));
        Assert.Equal("Pain; \"sharp\"\nin the gut", read.Observations[0].Name);
        Assert.Equal([2, 4], read.Observations.Select(o => o.Line));
    }

    [Fact]
    public void Tabs_AreSniffed()
    {
        var read = ImportReader.Read("Date\tRedness\n2026-01-05\t4\n");

        Assert.Equal("tab", read.Separator);
        Assert.Equal(4, Assert.Single(read.Observations).Value);
    }

    [Fact]
    public void DatesThatFitBothOrders_AreAQuestion_NeverAGuess()
    {
        const string text = "Date,Redness\n03/04/2026,1\n05/06/2026,2\n";

        var asked = ImportReader.Read(text);
        var dayFirst = ImportReader.Read(text, DateOrder.DayFirst);
        var monthFirst = ImportReader.Read(text, DateOrder.MonthFirst);

        Assert.True(asked.DateOrderAsked);
        Assert.Null(asked.DateOrder);
        Assert.Empty(asked.Dates);
        Assert.Equal(new DateOnly(2026, 4, 3), dayFirst.Dates["03/04/2026"]);
        Assert.Equal(new DateOnly(2026, 3, 4), monthFirst.Dates["03/04/2026"]);
        Assert.False(dayFirst.DateOrderAsked);
    }

    [Theory]
    [InlineData("13/01/2026", DateOrder.DayFirst)]
    [InlineData("01/13/2026", DateOrder.MonthFirst)]
    [InlineData("13.1.26", DateOrder.DayFirst)]
    public void OneDateBeyondTwelve_DecidesTheOrderOfTheWholeFile(string telling, DateOrder order)
    {
        var read = ImportReader.Read($"Date,Redness\n02/01/2026,1\n{telling},2\n", DateOrder.MonthFirst == order ? DateOrder.DayFirst : DateOrder.MonthFirst);

        Assert.Equal(order, read.DateOrder);
        Assert.Equal(new DateOnly(2026, 1, 13), read.Dates[telling]);
    }

    [Fact]
    public void DatesOfBothOrders_AreAProblem()
    {
        var read = ImportReader.Read("Date,Redness\n13/01/2026,1\n01/14/2026,2\n");

        Assert.Equal(1, Assert.Single(read.Problems).Line);
    }

    [Theory]
    [InlineData("23rd Jul 2020", 2020, 7, 23)]
    [InlineData("July 4, 2021", 2021, 7, 4)]
    [InlineData("Sunday 1 March 2026", 2026, 3, 1)]
    [InlineData("2026-03-01T08:15:00Z", 2026, 3, 1)]
    [InlineData("2026-03-01 21:40", 2026, 3, 1)]
    [InlineData("2026/3/1", 2026, 3, 1)]
    public void DateShapes_AreRead(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ImportDates.Read(text, DateOrder.DayFirst));
    }

    [Fact]
    public void ADateThatIsNone_IsAProblemOnItsLine()
    {
        var read = ImportReader.Read("Date,Redness\n2026-01-05,1\n2026-02-30,2\nyesterday,3\n");

        Assert.Equal([3, 4], read.Problems.Select(p => p.Line));
    }

    [Fact]
    public void DecimalCommas_AreReadAndReported()
    {
        var read = ImportReader.Read("Date;Water\n2026-01-05;1,5\n");

        Assert.True(read.DecimalComma);
        Assert.Equal(1.5, Assert.Single(read.Observations).Value);
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+5")]
    [InlineData("@SUM(A1)")]
    [InlineData("=HYPERLINK(\"\"http://x\"\")")]
    public void FormulaLookingCells_AreText(string cell)
    {
        var read = ImportReader.Read($"Date,Score\n2026-01-05,\"{cell}\"\n");

        var only = Assert.Single(read.Observations);
        Assert.Null(only.Value);
        Assert.Equal(cell.Replace("\"\"", "\"", StringComparison.Ordinal), only.Raw);
    }

    [Fact]
    public void NegativeNumbers_AreNumbers()
    {
        Assert.Equal(-3, ImportValues.Number("-3"));
        Assert.Equal(7.5, ImportValues.Hours("7:30"));
        Assert.Equal(0.5, ImportValues.Litres("500ml"));
    }

    [Theory]
    [InlineData("Day,Acne,Sugar\n2026-01-05,3,1\n", "column")]
    [InlineData("date,symptom,score\n2026-01-05,Acne,3\n", "value")]
    [InlineData("Tag;Acne\n5.1.2026;3\n", "column")]
    public void UnknownShapes_FallBackToASpreadsheet(string text, string type)
    {
        var read = ImportReader.Read(text);

        Assert.Equal(ImportFormats.Spreadsheet, read.Format);
        Assert.Equal(type, read.Observations[0].Type);
        Assert.Contains(read.Observations, o => o.Name == "Acne" && o.Value == 3);
    }

    [Fact]
    public void GutSkinsOwnCsv_IsRecognised()
    {
        Assert.Equal(ImportFormats.GutSkin, ImportReader.Read("date,item,value\n2026-01-05,redness,3\n").Format);
    }

    [Fact]
    public void RowsTooShort_AndNoDateColumn_AreLineNumberedProblems()
    {
        var shortRow = ImportReader.Read("full_date,date,weekday,time,mood,activities,note_title,note\n2026-01-05,x,y,z,rad,,,\n2026-01-06,x\n");
        var noDates = ImportReader.Read("Acne,Sugar\n3,1\n");

        Assert.Equal(3, Assert.Single(shortRow.Problems).Line);
        Assert.Equal(1, Assert.Single(noDates.Problems).Line);
        Assert.Equal(1, Assert.Single(ImportReader.Read("").Problems).Line);
    }
}
