using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The app's commands: <c>migrate</c> and <c>admin add EMAIL --password-stdin</c>.</summary>
public sealed class CommandsTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task Migrate_OnAnUpToDateDatabase_SucceedsAndKeepsTheData()
    {
        var member = await factory.SharedMemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 2 } }));
        var before = factory.Fingerprint();

        var (code, stdout, _) = await RunAsync("", "migrate");

        Assert.Equal(0, code);
        Assert.Contains("up to date", stdout, StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task AdminAdd_NewEmail_CreatesAnAdminWhoCanLogIn()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";

        var (code, stdout, stderr) = await RunAsync("a long admin password\n", "admin", "add", email, "--password-stdin");

        Assert.True(code == 0, stderr);
        Assert.Contains(email, stdout, StringComparison.Ordinal);
        Assert.Equal([Roles.Admin, Roles.Member], await RolesOfAsync(email));
        Assert.Equal(factory.Time.GetUtcNow(), factory.WithDb(db => db.Users.Single(u => u.Email == email).CreatedAt));
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "a long admin password" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task AdminAdd_ExistingMember_IsPromotedAndKeepsTheirPasswordAndJournal()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { itch = 3 } }));
        var before = factory.Fingerprint();

        var (code, _, stderr) = await RunAsync("", "admin", "add", member.Email, "--password-stdin");

        Assert.True(code == 0, stderr);
        Assert.Equal([Roles.Admin, Roles.Member], await RolesOfAsync(member.Email));
        Assert.Equal(before, factory.Fingerprint());
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var (again, _, _) = await RunAsync("", "admin", "add", member.Email, "--password-stdin");
        Assert.Equal(0, again);
        Assert.Equal([Roles.Admin, Roles.Member], await RolesOfAsync(member.Email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short\n")]
    public async Task AdminAdd_NewEmailWithoutAUsablePassword_FailsAndCreatesNobody(string stdin)
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.test";

        var (code, _, stderr) = await RunAsync(stdin, "admin", "add", email, "--password-stdin");

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
        Assert.Equal(0, factory.WithDb(db => db.Users.Count(u => u.Email == email)));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin", "add", "x@example.test")]
    [InlineData("admin", "remove", "x@example.test", "--password-stdin")]
    public async Task UnknownCommand_PrintsUsageAndFails(params string[] args)
    {
        var (code, _, stderr) = await RunAsync("", args);

        Assert.Equal(2, code);
        Assert.Contains("Usage", stderr, StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Users.Count(u => u.Email == "x@example.test")));
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var code = await Commands.RunAsync(factory.Services, args, input, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<List<string>> RolesOfAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)];
    }
}
