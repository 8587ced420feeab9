using GutSkin.Web.Infrastructure;
using NodaTime;
using NodaTime.TimeZones;

namespace GutSkin.Web.Features.Reminders;

/// <summary>
/// When a member's daily reminder is due, from the one clock of the app. Pure: no database, no mail.
/// The reminder for a local date is due from the member's chosen wall-clock time on that date until
/// the date ends, once: a time that does not exist that day (clocks spring forward) moves to the
/// first instant that does; a time that happens twice (clocks fall back) counts from its first occurrence.
/// </summary>
public sealed class ReminderSchedule(TimeProvider time)
{
    // A time in a spring-forward gap is the instant the clocks jumped; of a fall-back hour's two, the earlier.
    private static readonly ZoneLocalMappingResolver FirstOccurrence = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The member's local date whose reminder should go out now, or null when none is due (not yet time, or already sent).</summary>
    public DateOnly? DueDate(TimeZoneInfo zone, TimeOnly localTime, DateOnly? lastSent)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = time.GetUtcNow();
        var today = MemberClock.TodayIn(zone, now);
        return (lastSent is null || lastSent < today) && now >= DueAt(today, localTime, zone) ? today : null;
    }

    /// <summary>The instant <paramref name="localTime"/> first happens on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset DueAt(DateOnly date, TimeOnly localTime, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        // The system's own zone rules, the ones every "today" of the app comes from (NodaTime's cache of them).
        var rules = DateTimeZoneProviders.Bcl.GetZoneOrNull(zone.Id) ?? BclDateTimeZone.FromTimeZoneInfo(zone);
        return LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(localTime)).InZone(rules, FirstOccurrence).ToDateTimeOffset();
    }
}
