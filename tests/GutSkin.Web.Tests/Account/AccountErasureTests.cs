using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>DELETE /api/account erases every row the member owns, in every table, and nothing of anyone else.</summary>
public sealed class AccountErasureTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static readonly string[] PersonalTables = ["AspNetUsers", "AspNetUserRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "Items", "JournalDays", "JournalValues"];

    [Fact]
    public async Task DeleteAccount_LeavesNoRowOfTheMemberInAnyTable_AndEveryRowOfAnother()
    {
        var leaving = await MemberWithEverythingAsync("Europe/Berlin");
        var staying = await MemberWithEverythingAsync("Asia/Tokyo");
        var leavingKeys = OwnedKeys(leaving);
        var stayingKeys = OwnedKeys(staying);
        var stayingJournal = await staying.Client.GetStringAsync("/api/journal/export?format=json");
        var stayingBefore = CountReferences(stayingKeys);
        Assert.All(PersonalTables, table => Assert.True(CountReferences(leavingKeys).GetValueOrDefault(table) > 0, $"The set-up put nothing of the member in {table}: the test would prove nothing there."));

        var delete = await leaving.Client.DeleteAsync("/api/account");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var left = CountReferences(leavingKeys).Where(t => t.Value > 0).ToList();
        Assert.True(left.Count == 0, "Rows of the erased member remain: " + string.Join(", ", left.Select(t => $"{t.Key}: {t.Value}")));
        Assert.Equal(stayingBefore, CountReferences(stayingKeys));
        Assert.Equal(stayingJournal, await staying.Client.GetStringAsync("/api/journal/export?format=json"));
    }

    [Fact]
    public async Task DeleteAccount_ThenLoginFailsAndTheOldTokenIsRefusedEverywhere()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 1 } }));
        var tokens = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }));

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync("/api/account")).StatusCode);

        var refresh = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        foreach (var (method, url) in new[] { ("GET", "/api/journal"), ("GET", "/api/journal/2026-06-14"), ("GET", "/api/items"), ("GET", "/api/account/profile"), ("GET", "/api/journal/export"), ("DELETE", "/api/account") })
        {
            var response = await member.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} with the erased member's token: {(int)response.StatusCode}");
        }

        var before = factory.Fingerprint();
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PutDayAsync("2026-06-13", new { values = new { redness = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PostAsJsonAsync("/api/items", new { key = "ghost", label = "Ghost", group = "habit", kind = "yesno" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Ghost" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-13,itch,1\n"))).StatusCode);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task DeleteAccount_ByCookie_EndsTheCookieSessionToo()
    {
        var member = await factory.MemberAsync();
        using var browser = await factory.CookieClientAsync(member.Email);
        await ReadJsonAsync(await browser.PutDayAsync("2026-06-14", new { values = new { itch = 2 } }));

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/account")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/journal")).StatusCode);
        Assert.Equal(0, factory.WithDb(db => db.Users.Count(u => u.Id == member.Id) + db.JournalDays.Count(d => d.UserId == member.Id)));
    }

    /// <summary>A member with a row in every personal table: profile, role, claim, external login, token, custom items, days, values.</summary>
    private async Task<TestMember> MemberWithEverythingAsync(string timeZone)
    {
        var member = await factory.MemberAsync(timeZone);
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { dairy = 2, redness = 3 }, note = "private" }));
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-13,dairy,1\n2026-06-12,itch,4\n")));
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(member.Id))!;
        Assert.True((await users.AddClaimAsync(user, new Claim("test-claim", "x"))).Succeeded);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("TestProvider", $"key-{member.Id}", "Test"))).Succeeded);
        Assert.True((await users.SetAuthenticationTokenAsync(user, "TestProvider", "refresh", "secret")).Succeeded);
        return member;
    }

    /// <summary>What identifies a member's rows: their user id, e-mail and user name, and the ids of their days and custom items.</summary>
    private OwnedKeySet OwnedKeys(TestMember member) => factory.WithDb(db => new OwnedKeySet(
        [member.Id, member.Email, member.Email.ToUpperInvariant()],
        [.. db.JournalDays.Where(d => d.UserId == member.Id).Select(d => d.Id)],
        [.. db.Items.Where(i => i.OwnerId == member.Id).Select(i => i.Id)]));

    /// <summary>
    /// For every table of the model, the rows that reference the member: a text column holding their id or
    /// e-mail, or a key or foreign key holding the id of one of their days or custom items.
    /// </summary>
    private Dictionary<string, long> CountReferences(OwnedKeySet keys) => factory.WithDb(db =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var conditions = new List<(string Column, object[] Values)>();
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                if (property.ClrType == typeof(string))
                {
                    conditions.Add((column, keys.Texts));
                }
                else if (References(property, typeof(JournalDay)))
                {
                    conditions.Add((column, [.. keys.DayIds.Cast<object>()]));
                }
                else if (References(property, typeof(TrackedItem)))
                {
                    conditions.Add((column, [.. keys.ItemIds.Cast<object>()]));
                }
            }

            Assert.True(conditions.Count > 0, $"No way to tell whose rows {table} holds: teach this test about it.");
            long count = 0;
            foreach (var (column, values) in conditions.Where(c => c.Values.Length > 0))
            {
                var placeholders = string.Join(", ", values.Select((_, i) => $"{{{i}}}"));
                // Table and column names come from the model, never from input.
                var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE \"{column}\" IN ({placeholders})";
                count += db.Database.SqlQueryRaw<long>(sql, values).Single();
            }

            counts[table] = count;
        }

        Assert.Equal(db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(), counts.Keys.Order());
        return counts;
    });

    private static bool References(IProperty property, Type principal) =>
        (property.IsPrimaryKey() && property.DeclaringType.ClrType == principal)
        || property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == principal);

    private sealed record OwnedKeySet(object[] Texts, List<long> DayIds, List<int> ItemIds);
}
