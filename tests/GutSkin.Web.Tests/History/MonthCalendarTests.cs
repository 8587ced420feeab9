using GutSkin.Web.Features.History;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;

namespace GutSkin.Web.Tests.History;

/// <summary>The calendar's arithmetic: weeks at month boundaries, which months may be asked for, bands and trend shapes.</summary>
public sealed class MonthCalendarTests
{
    private static readonly DateOnly June15 = new(2026, 6, 15);

    [Theory]
    [InlineData("2026-11", 6, 6, 0)] // starts on a Sunday: six blanks before the 1st, the 30th is a Monday
    [InlineData("2027-02", 4, 0, 6)] // 28 days from a Monday: four full weeks
    [InlineData("2028-02", 5, 1, 1)] // leap year, from a Tuesday: the 29th, a Tuesday, in a fifth row
    [InlineData("2026-03", 6, 6, 1)] // 31 days from a Sunday: the 31st on a Tuesday of a sixth row
    public void Weeks_RunMondayToSunday_WithTheNeighbouringMonthsDaysLeftEmpty(string month, int rows, int blanksBefore, int lastColumn)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd");

        var calendar = MonthCalendar.Build(first, new DateOnly(2030, 1, 1), [], Catalog.BuiltIn);

        Assert.Equal(rows, calendar.Weeks.Count);
        Assert.All(calendar.Weeks, w => Assert.Equal(7, w.Count));
        Assert.Equal(blanksBefore, calendar.Weeks[0].TakeWhile(d => d is null).Count());
        Assert.Equal(lastColumn, calendar.Weeks[^1].ToList().FindLastIndex(d => d is not null));
        Assert.Equal(Enumerable.Range(0, first.AddMonths(1).DayNumber - first.DayNumber).Select(first.AddDays), calendar.Days.Select(d => d.Date));
        Assert.All(calendar.Days, d => Assert.Equal((int)d.Date.DayOfWeek, ((calendar.Weeks.First(w => w.Contains(d)).ToList().IndexOf(d)) + 1) % 7));
    }

    [Theory]
    [InlineData(null, "2026-06")]
    [InlineData("2026-06", "2026-06")]
    [InlineData("2025-12", "2025-12")]
    [InlineData("1900-01", "1900-01")]
    public void TryParseMonth_TakesMonthsFrom1900ToTheMonthOfTomorrow(string? text, string expected)
    {
        Assert.True(MonthCalendar.TryParseMonth(text, June15, out var first));
        Assert.Equal(expected, MonthCalendar.Format(first));
    }

    [Theory]
    [InlineData("2026-07")]
    [InlineData("1899-12")]
    [InlineData("2026-00")]
    [InlineData("26-06")]
    [InlineData("")]
    public void TryParseMonth_RefusesOtherText(string text) =>
        Assert.False(MonthCalendar.TryParseMonth(text, June15, out _));

    [Fact]
    public void OnTheLastDayOfAMonth_NextMonthIsOpen_AsTomorrowCanBeLogged()
    {
        var lastOfJune = new DateOnly(2026, 6, 30);

        Assert.True(MonthCalendar.TryParseMonth("2026-07", lastOfJune, out _));
        Assert.False(MonthCalendar.TryParseMonth("2026-08", lastOfJune, out _));
        Assert.Equal(new DateOnly(2026, 7, 1), MonthCalendar.Build(new DateOnly(2026, 6, 1), lastOfJune, [], Catalog.BuiltIn).Next);
        Assert.Null(MonthCalendar.Build(new DateOnly(2026, 6, 1), June15, [], Catalog.BuiltIn).Next);
        Assert.Null(MonthCalendar.Build(new DateOnly(1900, 1, 1), June15, [], Catalog.BuiltIn).Previous);
        Assert.Equal(new DateOnly(1900, 1, 1), MonthCalendar.Build(new DateOnly(1900, 2, 1), June15, [], Catalog.BuiltIn).Previous);
    }

    [Theory]
    [InlineData(0, SkinBand.Calm)]
    [InlineData(2.44, SkinBand.Calm)]
    [InlineData(2.45, SkinBand.Mild)] // shown as 2.5, so it reads as mild
    [InlineData(4.9, SkinBand.Mild)]
    [InlineData(5, SkinBand.Moderate)]
    [InlineData(7.4, SkinBand.Moderate)]
    [InlineData(7.5, SkinBand.Severe)]
    [InlineData(10, SkinBand.Severe)]
    public void Band_FollowsTheScoreAsShown(double score, SkinBand band)
    {
        var day = new CalendarDay(June15, 1, score, IsFuture: false);

        Assert.Equal(band, day.Band);
        Assert.Contains(MonthCalendar.BandName(band), day.Description, StringComparison.Ordinal);
        Assert.Contains(day.ScoreText, day.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_BreaksItsLineAtMissingDays_AndPutsTheWorstValueAtTheTop()
    {
        var days = new[] { (1, 10.0), (2, 0.0), (3, 5.0), (6, 5.0), (30, 0.0) }
            .Select(d => DayResponse.From(new DateOnly(2026, 6, d.Item1), null, DateTime.UnixEpoch, [(Catalog.BuiltIn.First(i => i.Key == "redness"), d.Item2)]))
            .ToList();

        var trend = Assert.Single(MonthCalendar.Build(new DateOnly(2026, 6, 1), June15, days, Catalog.BuiltIn).Trends);
        var shape = trend.Draw(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));

        Assert.Equal("redness", trend.Key);
        Assert.Equal(["4,4 14.1,44 24.1,24"], shape.Lines);
        Assert.Equal(5, shape.Dots.Count);
        Assert.Equal((296, 44), shape.Dots[^1]);
    }
}
