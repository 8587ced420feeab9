namespace GutSkin.Web.Infrastructure;

/// <summary>Turns the one clock of the app into a member's calendar day.</summary>
public sealed class MemberClock(TimeProvider time)
{
    public DateOnly Today(string timeZoneId) => TodayIn(FindZone(timeZoneId) ?? TimeZoneInfo.Utc, time.GetUtcNow());

    /// <summary>The calendar day in <paramref name="zone"/> at <paramref name="now"/>: the one rule for "today in this zone".</summary>
    public static DateOnly TodayIn(TimeZoneInfo zone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    public DateTimeOffset Now(string timeZoneId) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), FindZone(timeZoneId) ?? TimeZoneInfo.Utc);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Null for anything that is not a known IANA id (Windows ids are refused so data stays portable).</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || TextInput.HasNul(id))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId || id == "UTC" ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static IReadOnlyList<string> AllZoneIds { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal)];
}
