using System.Net;
using System.Net.Http.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

public sealed class ProfileApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task GetProfile_NewMember_IsUtcWithTheirEmail()
    {
        var member = await factory.MemberAsync();

        var profile = await ReadJsonAsync(await member.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));

        Assert.Equal("UTC", profile.GetProperty("timeZone").GetString());
        Assert.Equal(member.Email, profile.GetProperty("email").GetString());
        Assert.Equal("", profile.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task PutProfile_Valid_IsStoredAndDecidesToday()
    {
        var member = await factory.MemberAsync();

        var put = await ReadJsonAsync(await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "  Ada  ", timeZone = "Pacific/Kiritimati" }, cancellationToken: TestContext.Current.CancellationToken));
        var get = await ReadJsonAsync(await member.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));

        Assert.Equal(("Ada", "Pacific/Kiritimati"), (put.GetProperty("displayName").GetString(), put.GetProperty("timeZone").GetString()));
        Assert.Equal(("Ada", "Pacific/Kiritimati"), (get.GetProperty("displayName").GetString(), get.GetProperty("timeZone").GetString()));
        Assert.Equal("Pacific/Kiritimati", factory.WithDb(db => db.Users.Single(u => u.Id == member.Id).TimeZone));
        // 2026-06-15T12:00Z is already 2026-06-16 in Kiritimati, so 2026-06-17 is its tomorrow.
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-17", new { values = new { redness = 1 } }));
    }

    [Fact]
    public async Task PutProfile_OnlyDisplayName_KeepsTheTimeZone()
    {
        var member = await factory.MemberAsync("Europe/Berlin");

        var profile = await ReadJsonAsync(await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Grace" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(("Grace", "Europe/Berlin"), (profile.GetProperty("displayName").GetString(), profile.GetProperty("timeZone").GetString()));
    }

    [Theory]
    [InlineData("""{"timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"timeZone":"Central European Standard Time"}""", "timeZone")]
    [InlineData("""{"timeZone":""}""", "timeZone")]
    [InlineData("""{"timeZone":"../../etc/passwd"}""", "timeZone")]
    [InlineData("""{"timeZone":42}""", "timeZone")]
    [InlineData("""{"displayName":"Ada","timeZone":"Europe/Nowhere"}""", "timeZone")]
    [InlineData("""{"timeZone":"Europe/Berlin\u0000"}""", "timeZone")]
    [InlineData("""{"displayName":"A\u0000da"}""", "displayName")]
    public async Task PutProfile_BadTimeZoneOrName_IsProblemNamingTheFieldAndChangesNothing(string json, string field)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutAsync("/api/account/profile", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PutProfile_DisplayNameOver100Characters_IsProblemAndChangesNothing()
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = new string('x', 101), timeZone = "Europe/Paris" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "displayName");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("""{"timeZone":""")]
    [InlineData("")]
    [InlineData("null")]
    public async Task PutProfile_MalformedJson_IsProblemAndChangesNothing(string json)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertBadRequestWithSomeFieldAsync(await member.Client.PutAsync("/api/account/profile", Json(json), TestContext.Current.CancellationToken));

        Assert.Equal(before, factory.Fingerprint());
    }
}
