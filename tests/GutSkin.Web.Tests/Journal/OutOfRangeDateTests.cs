using System.Net;
using System.Net.Http.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>
/// Dates outside what the app handles (before 1900-01-01, or year 9999) are a 400 on every page and API that takes a
/// date, never a 500 and never stored (issue 11, finding 13; PRODUCT.md "Dates"). The clock is at 2026-06-15.
/// </summary>
public sealed class OutOfRangeDateTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    public static TheoryData<string> FarDates => ["0001-01-01", "1899-12-31", "9999-12-31"];

    [Theory]
    [MemberData(nameof(FarDates))]
    public async Task JournalApi_FarDate_Is400NamingTheField_AndNothingIsStored(string date)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync(date, new { values = new { redness = 3 } }), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await member.Client.GetAsync($"/api/journal?from={date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(await member.Client.GetAsync($"/api/journal?to={date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "to");
        await AssertProblemAsync(await member.Client.GetAsync($"/api/insights?from={date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(await member.Client.GetAsync($"/api/insights?to={date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "to");
        var experiment = new { name = "Far", intervention = "probiotic_supplement", outcome = "redness", start = date, @switch = "2026-07-01", end = "2026-08-01", onsetDays = 0 };
        await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/experiments", experiment, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "start");
        var import = await member.Client.PostAsync("/api/journal/import", Csv($"date,item,value\n2026-06-01,redness,2\n{date},redness,3\n"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task TheFirstDayAJournalHolds_IsAccepted()
    {
        var member = await factory.MemberAsync();
        var saved = await member.Client.PutDayAsync("1900-01-01", new { values = new { redness = 3 } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Theory]
    [InlineData("/today/0001-01-01")]
    [InlineData("/today/9999-12-31")]
    [InlineData("/today/1899-12-31")]
    [InlineData("/report?from=0001-01-01&to=2026-06-01")]
    [InlineData("/report?from=2026-01-01&to=9999-12-31")]
    [InlineData("/report.pdf?from=9999-12-25&to=9999-12-31")]
    [InlineData("/report.pdf?from=0001-01-01&to=0001-03-01")]
    public async Task Pages_FarDate_Are400_NotA500(string url)
    {
        var member = await factory.SharedMemberAsync();
        using var cookie = await factory.CookieClientAsync(member.Email);
        var response = await cookie.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
