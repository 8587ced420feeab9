using GutSkin.Web.Features.Reminders;
using Microsoft.Extensions.Time.Testing;

namespace GutSkin.Web.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly TimeOnly Evening = new(20, 30);

    private static DateOnly? DueAt(string utcNow, string zone, TimeOnly localTime, string? lastSent = null) =>
        new ReminderSchedule(new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture)))
            .DueDate(TimeZoneInfo.FindSystemTimeZoneById(zone), localTime, lastSent is null ? null : DateOnly.Parse(lastSent, System.Globalization.CultureInfo.InvariantCulture));

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Berlin in summer is UTC+2: 20:30 there is 18:30 UTC.
    [InlineData("2026-06-15T18:29:59Z", "Europe/Berlin", null)]
    [InlineData("2026-06-15T18:30:00Z", "Europe/Berlin", "2026-06-15")]
    [InlineData("2026-06-15T21:59:00Z", "Europe/Berlin", "2026-06-15")]
    // Midnight in Berlin: a new day whose 20:30 is still ahead.
    [InlineData("2026-06-15T22:00:00Z", "Europe/Berlin", null)]
    // Kolkata is UTC+5:30: 20:30 there is 15:00 UTC.
    [InlineData("2026-06-15T14:59:00Z", "Asia/Kolkata", null)]
    [InlineData("2026-06-15T15:00:00Z", "Asia/Kolkata", "2026-06-15")]
    // Kathmandu is UTC+5:45.
    [InlineData("2026-06-15T14:44:00Z", "Asia/Kathmandu", null)]
    [InlineData("2026-06-15T14:45:00Z", "Asia/Kathmandu", "2026-06-15")]
    // Auckland (UTC+12 in June) is a day ahead of UTC: at 08:30 UTC on the 15th it is 20:30 on the 15th there...
    [InlineData("2026-06-15T08:30:00Z", "Pacific/Auckland", "2026-06-15")]
    // ...and at 12:00 UTC on the 15th it is already the 16th, whose reminder is not yet due.
    [InlineData("2026-06-15T12:00:00Z", "Pacific/Auckland", null)]
    // New York in summer is UTC−4: 20:30 there is 00:30 UTC the next calendar day.
    [InlineData("2026-06-16T00:29:00Z", "America/New_York", null)]
    [InlineData("2026-06-16T00:30:00Z", "America/New_York", "2026-06-15")]
    public void DueDate_FollowsTheMembersOwnClockAndCalendar(string utcNow, string zone, string? expected)
    {
        Assert.Equal(expected is null ? null : Day(expected), DueAt(utcNow, zone, Evening));
    }

    [Fact]
    public void DueDate_AlreadySentThatDay_IsNotDueAgain()
    {
        Assert.Null(DueAt("2026-06-15T20:00:00Z", "Europe/Berlin", Evening, lastSent: "2026-06-15"));
        Assert.Equal(Day("2026-06-15"), DueAt("2026-06-15T20:00:00Z", "Europe/Berlin", Evening, lastSent: "2026-06-14"));
    }

    [Theory]
    // Berlin springs forward on 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC); 02:30 never happens.
    [InlineData("Europe/Berlin", "2026-03-29", 2, 30, "2026-03-29T01:00:00Z")]
    // New York springs forward on 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00 UTC).
    [InlineData("America/New_York", "2026-03-08", 2, 15, "2026-03-08T07:00:00Z")]
    // Lord Howe Island moves only half an hour: 02:00 becomes 02:30 (UTC+11) on 4 October 2026.
    [InlineData("Australia/Lord_Howe", "2026-10-04", 2, 15, "2026-10-03T15:30:00Z")]
    // An ordinary day and time for comparison.
    [InlineData("Europe/Berlin", "2026-03-28", 2, 30, "2026-03-28T01:30:00Z")]
    public void DueAt_TimeInASpringForwardGap_IsTheFirstValidInstant(string zone, string date, int hour, int minute, string expected)
    {
        var due = ReminderSchedule.DueAt(Day(date), new TimeOnly(hour, minute), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void DueDate_SpringForwardDay_SendsAtTheJumpNotBeforeAndNotAnHourLate()
    {
        var twoThirty = new TimeOnly(2, 30);

        Assert.Null(DueAt("2026-03-29T00:59:00Z", "Europe/Berlin", twoThirty));
        Assert.Equal(Day("2026-03-29"), DueAt("2026-03-29T01:00:00Z", "Europe/Berlin", twoThirty));
    }

    [Fact]
    public void DueDate_FallBackDay_IsDueAtTheFirstOccurrenceAndOnlyOnce()
    {
        // Berlin falls back on 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        var twoThirty = new TimeOnly(2, 30);

        Assert.Null(DueAt("2026-10-25T00:29:00Z", "Europe/Berlin", twoThirty));
        Assert.Equal(Day("2026-10-25"), DueAt("2026-10-25T00:30:00Z", "Europe/Berlin", twoThirty));
        // Sent at the first 02:30: the second 02:30 finds the day already claimed.
        Assert.Null(DueAt("2026-10-25T01:30:00Z", "Europe/Berlin", twoThirty, lastSent: "2026-10-25"));
        Assert.Equal(
            DateTimeOffset.Parse("2026-10-25T00:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ReminderSchedule.DueAt(Day("2026-10-25"), twoThirty, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Fact]
    public void DueDate_TheDayAfterASpringForward_IsAtTheUsualTimeAgain()
    {
        Assert.Null(DueAt("2026-03-30T00:29:00Z", "Europe/Berlin", new TimeOnly(2, 30), lastSent: "2026-03-29"));
        Assert.Equal(Day("2026-03-30"), DueAt("2026-03-30T00:30:00Z", "Europe/Berlin", new TimeOnly(2, 30), lastSent: "2026-03-29"));
    }
}
