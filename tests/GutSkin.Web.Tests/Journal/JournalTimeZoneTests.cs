using System.Globalization;
using System.Net;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>
/// "Today" is the member's calendar day, so how far ahead a day may be logged depends on their time zone.
/// The fake clock only moves forward, so each test first moves it to the instant it needs.
/// </summary>
public sealed class JournalTimeZoneTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string Kiritimati = "Pacific/Kiritimati"; // UTC+14, no daylight saving
    private const string PagoPago = "Pacific/Pago_Pago"; // UTC−11, no daylight saving

    [Fact]
    public async Task KiritimatiMember_MayLogTheDayAfterUtcTomorrow_ButNotBeyond()
    {
        var utcToday = MoveToNext(new TimeOnly(12, 0));
        var kiritimati = await factory.MemberAsync(Kiritimati);
        var utc = await factory.MemberAsync();
        var utcTomorrowPlusOne = Format(utcToday.AddDays(2));

        // Kiritimati's today is UTC's tomorrow, so its tomorrow is UTC's day after tomorrow.
        await ReadJsonAsync(await kiritimati.Client.PutDayAsync(utcTomorrowPlusOne, new { values = new { redness = 2 } }));
        var before = factory.Fingerprint();
        await AssertProblemAsync(await kiritimati.Client.PutDayAsync(Format(utcToday.AddDays(3)), new { values = new { redness = 2 } }), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await utc.Client.PutDayAsync(utcTomorrowPlusOne, new { values = new { redness = 2 } }), HttpStatusCode.BadRequest, "date");
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PagoPagoMember_MayNotLogUtcTomorrow_WhileTheirToday_IsUtcYesterday()
    {
        var utcToday = MoveToNext(new TimeOnly(5, 0)); // 18:00 the day before in Pago Pago
        var member = await factory.MemberAsync(PagoPago);
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync(Format(utcToday.AddDays(1)), new { values = new { redness = 2 } }), HttpStatusCode.BadRequest, "date");

        Assert.Equal(before, factory.Fingerprint());
        await ReadJsonAsync(await member.Client.PutDayAsync(Format(utcToday), new { values = new { redness = 2 } }));
    }

    [Fact]
    public async Task TheMembersMidnight_MovesTheLimit_OnTheSecond()
    {
        // 09:59:59Z is 23:59:59 in Kiritimati: today there is still the UTC date.
        var utcToday = MoveToNext(new TimeOnly(9, 59, 59));
        var member = await factory.MemberAsync(Kiritimati);
        var dayAfterTomorrow = Format(utcToday.AddDays(2));
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync(dayAfterTomorrow, new { values = new { itch = 1 } }), HttpStatusCode.BadRequest, "date");
        Assert.Equal(before, factory.Fingerprint());

        factory.Time.Advance(TimeSpan.FromSeconds(1));
        await ReadJsonAsync(await member.Client.PutDayAsync(dayAfterTomorrow, new { values = new { itch = 1 } }));
    }

    [Fact]
    public async Task Import_FutureLimit_FollowsTheMembersTimeZone()
    {
        var utcToday = MoveToNext(new TimeOnly(12, 0));
        var kiritimati = await factory.MemberAsync(Kiritimati);
        var utc = await factory.MemberAsync();
        var csv = $"date,item,value\n{Format(utcToday.AddDays(2))},redness,4\n";

        var accepted = await ReadJsonAsync(await kiritimati.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken));
        var before = factory.Fingerprint();
        var refused = await AssertProblemAsync(await utc.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        Assert.Equal(1, accepted.GetProperty("rows").GetInt32());
        Assert.Equal(2, refused.GetProperty("rows")[0].GetProperty("line").GetInt32());
        Assert.Equal(before, factory.Fingerprint());
    }

    /// <summary>Moves the fake clock forward to the next instant with this UTC time of day; returns that UTC date.</summary>
    private DateOnly MoveToNext(TimeOnly utcTime)
    {
        var now = factory.Time.GetUtcNow();
        var target = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), utcTime, TimeSpan.Zero);
        if (target <= now)
        {
            target = target.AddDays(1);
        }

        factory.Time.SetUtcNow(target);
        return DateOnly.FromDateTime(target.UtcDateTime);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
