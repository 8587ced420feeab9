using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>Identity's endpoints under /api/auth, the bearer token and the login cookie.</summary>
public sealed class AuthApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task Register_NewEmail_CreatesAMemberWithTheMemberRole()
    {
        var client = factory.CreateClient();
        var email = $"new-{Guid.NewGuid():N}@example.test";

        var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var (roles, createdAt, timeZone) = factory.WithDb(db =>
        {
            var user = db.Users.AsNoTracking().Single(u => u.Email == email);
            var roleNames = db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList();
            return (roleNames, user.CreatedAt, user.TimeZone);
        });
        Assert.Equal([Roles.Member], roles);
        Assert.Equal(factory.Time.GetUtcNow(), createdAt);
        Assert.Equal("UTC", timeZone);
    }

    [Fact]
    public async Task Register_ShortPasswordOrBadEmail_IsProblemAndCreatesNobody()
    {
        var member = await factory.SharedMemberAsync();
        var client = factory.CreateClient();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = "short@example.test", password = "short" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        // A taken address with a short password: the password is what is wrong, as it would be for a new address.
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = member.Email, password = "short" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "PasswordTooShort");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = "not-an-email", password = Password }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = "nul\u0000@example.test", password = Password }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "email");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = "nul\u0000@example.test", password = Password }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "email");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task Login_WrongPassword_IsUnauthorized()
    {
        var member = await factory.SharedMemberAsync();
        var client = factory.CreateClient();

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = "wrong password!" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Login_Bearer_ReturnsATokenThatReachesPersonalEndpoints_AndARefreshTokenThatWorks()
    {
        var member = await factory.SharedMemberAsync();
        var client = factory.CreateClient();

        var login = await ReadJsonAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("Bearer", login.GetProperty("tokenType").GetString());
        client.UseBearer(login.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken)).StatusCode);

        var refreshed = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, cancellationToken: TestContext.Current.CancellationToken));
        using var second = factory.CreateClient();
        second.UseBearer(refreshed.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/items", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ForgedBearerToken_IsUnauthorized()
    {
        using var client = factory.CreateClient();
        client.UseBearer("CfDJ8-not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/journal", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task CookieLogin_ReachesEveryKindOfPersonalEndpoint()
    {
        var member = await factory.MemberAsync();
        using var client = await factory.CookieClientAsync(member.Email);

        await ReadJsonAsync(await client.PutDayAsync("2026-06-14", new { values = new { redness = 2 }, note = "by cookie" }));
        var days = await ReadJsonAsync(await client.GetAsync("/api/journal", TestContext.Current.CancellationToken));
        var items = await ReadJsonAsync(await client.GetAsync("/api/items", TestContext.Current.CancellationToken));
        var profile = await ReadJsonAsync(await client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));
        await ReadJsonAsync(await client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-13,itch,1\n"), TestContext.Current.CancellationToken));
        var export = await client.GetAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal("by cookie", Assert.Single(days.EnumerateArray()).GetProperty("note").GetString());
        Assert.Equal(20, items.GetArrayLength());
        Assert.Equal(member.Email, profile.GetProperty("email").GetString());
        Assert.Equal("date,item,value\n2026-06-13,itch,1\n2026-06-14,redness,2\n", await export.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // The same member through their bearer token sees what the cookie wrote.
        Assert.Equal(2, (await ReadJsonAsync(await member.Client.GetAsync("/api/journal", TestContext.Current.CancellationToken))).GetArrayLength());
    }

    [Theory]
    [InlineData("http://localhost", false)]
    [InlineData("https://localhost", true)]
    public async Task AuthCookie_IsHttpOnlyAndSameSiteLax_AndSecureOverHttps(string origin, bool secure)
    {
        var member = await factory.SharedMemberAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), HandleCookies = false });

        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Equal(secure, attributes.Contains("secure"));
    }

    [Fact]
    public async Task Login_ManyWrongPasswords_NeverLockTheAccount()
    {
        var member = await factory.MemberAsync();
        using var client = factory.CreateClient();

        for (var attempt = 0; attempt < 12; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = "wrong password!" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        }

        var withTheRightPassword = await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, withTheRightPassword.StatusCode);
        var user = factory.WithDb(db => db.Users.AsNoTracking().Single(u => u.Id == member.Id));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task Register_WritesTheConfirmationMailToThePickupFolder()
    {
        var email = $"mail-{Guid.NewGuid():N}@example.test";

        var register = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var mails = Directory.Exists(factory.MailFolder) ? Directory.GetFiles(factory.MailFolder, "*.eml") : [];
        Assert.Contains(mails, path => File.ReadAllText(path).Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
