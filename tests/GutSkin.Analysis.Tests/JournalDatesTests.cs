namespace GutSkin.Analysis.Tests;

public sealed class JournalDatesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2026-06-15")]
    [InlineData("2026-06-16")]
    public void TryRead_FromTheFirstDayToTomorrow_IsAJournalDay(string text)
    {
        Assert.True(JournalDates.TryRead(text, Today, out var date, out var problem));
        Assert.Null(problem);
        Assert.Equal(text, JournalDates.ToText(date));
    }

    [Theory]
    [InlineData("2026-06-17", "2026-06-17 is more than one day ahead of your today (2026-06-15).")]
    [InlineData("9999-12-31", "9999-12-31 is more than one day ahead of your today (2026-06-15).")]
    [InlineData("1899-12-31", "1899-12-31 is before 1900-01-01, the first day a journal holds.")]
    [InlineData("0001-01-01", "0001-01-01 is before 1900-01-01, the first day a journal holds.")]
    [InlineData("2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD).")]
    [InlineData("yesterday", "'yesterday' is not a date (YYYY-MM-DD).")]
    [InlineData(null, "'' is not a date (YYYY-MM-DD).")]
    public void TryRead_AnythingElse_SaysWhy(string? text, string message)
    {
        Assert.False(JournalDates.TryRead(text, Today, out _, out var problem));
        Assert.Equal(message, problem);
    }

    [Fact]
    public void Check_WithoutAToday_ReadsAnyDate()
    {
        // The analyze command has no member: a journal of year 1 and year 9999 is still a journal to it.
        Assert.Null(JournalDates.Check(DateOnly.MaxValue, null));
        Assert.Null(JournalDates.Check(DateOnly.MinValue, null));
        Assert.NotNull(JournalDates.Check(new DateOnly(1899, 12, 31), Today));
    }

    [Fact]
    public void Latest_OnTheLastDayThereIs_DoesNotOverflow() =>
        Assert.Equal(DateOnly.MaxValue, JournalDates.Latest(DateOnly.MaxValue));

    [Fact]
    public void ReadRange_OpenEnds_AreNull()
    {
        var (from, to, errors) = JournalDates.ReadRange(null, "", Today);
        Assert.Empty(errors);
        Assert.Null(from);
        Assert.Null(to);
    }

    [Theory]
    [InlineData("2026-02-30", null, "from")]
    [InlineData("0001-01-01", "2026-01-01", "from")]
    [InlineData(null, "9999-12-31", "to")]
    [InlineData(null, "2026-06-17", "to")]
    [InlineData("2026-06-12", "2026-06-11", "to")]
    public void ReadRange_ABadEnd_IsNamed(string? from, string? to, string field)
    {
        var (_, _, errors) = JournalDates.ReadRange(from, to, Today);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("2031-06-15", true)]
    [InlineData("2031-06-16", false)]
    [InlineData("1899-12-31", false)]
    [InlineData("9999-12-31", false)]
    public void TryReadPlanned_ReachesFiveYearsAhead(string text, bool accepted) =>
        Assert.Equal(accepted, JournalDates.TryReadPlanned(text, Today, out _, out _));

    [Fact]
    public void TryReadPlanned_NearTheEndOfTime_DoesNotOverflow() =>
        Assert.True(JournalDates.TryReadPlanned("9999-12-31", new DateOnly(9998, 1, 1), out _, out _));
}
