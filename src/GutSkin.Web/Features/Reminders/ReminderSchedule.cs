using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Features.Reminders;

/// <summary>
/// When a member's daily reminder is due, from the one clock of the app. Pure: no database, no mail.
/// The reminder for a local date is due from the member's chosen wall-clock time on that date until
/// the date ends, once: a time that does not exist that day (clocks spring forward) moves to the
/// first instant that does; a time that happens twice (clocks fall back) counts from its first occurrence.
/// </summary>
public sealed class ReminderSchedule(TimeProvider time)
{
    /// <summary>The member's local date whose reminder should go out now, or null when none is due (not yet time, or already sent).</summary>
    public DateOnly? DueDate(TimeZoneInfo zone, TimeOnly localTime, DateOnly? lastSent)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = time.GetUtcNow();
        var today = MemberClock.TodayIn(zone, now);
        if (lastSent >= today)
        {
            return null;
        }

        return now >= DueAt(today, localTime, zone) ? today : null;
    }

    /// <summary>The instant <paramref name="localTime"/> first happens on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset DueAt(DateOnly date, TimeOnly localTime, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(localTime, DateTimeKind.Unspecified);
        // In a spring-forward gap, walk to the first minute that exists: the instant the clocks jumped.
        for (var guard = 0; zone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        // Of the two instants a fall-back hour has, the earlier carries the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
