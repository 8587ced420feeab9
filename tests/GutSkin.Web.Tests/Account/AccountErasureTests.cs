using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>DELETE /api/account erases every row the member owns, in every table, and nothing of anyone else.</summary>
public sealed class AccountErasureTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static readonly string[] PersonalTables = ["AspNetUsers", "AspNetUserRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "Items", "JournalDays", "Experiments", "ExperimentChange", "Plans", "PlanTargets", "PushSubscriptions", "Photos", "PhotoContents", "MemberPhotoKeys"];

    [Fact]
    public async Task DeleteAccount_LeavesNoRowOfTheMemberInAnyTable_AndEveryRowOfAnother()
    {
        var leaving = await MemberWithEverythingAsync("Europe/Berlin");
        var staying = await MemberWithEverythingAsync("Asia/Tokyo");
        var leavingKeys = OwnedKeys(leaving);
        var stayingKeys = OwnedKeys(staying);
        var stayingJournal = await staying.Client.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken);
        var stayingBefore = CountReferences(stayingKeys);
        Assert.All(PersonalTables, table => Assert.True(CountReferences(leavingKeys).GetValueOrDefault(table) > 0, $"The set-up put nothing of the member in {table}: the test would prove nothing there."));

        var delete = await leaving.Client.DeleteAsync("/api/account", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var left = CountReferences(leavingKeys).Where(t => t.Value > 0).ToList();
        Assert.True(left.Count == 0, "Rows of the erased member remain: " + string.Join(", ", left.Select(t => $"{t.Key}: {t.Value}")));
        Assert.Equal(stayingBefore, CountReferences(stayingKeys));
        Assert.Equal(stayingJournal, await staying.Client.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeleteAccount_ThenLoginFailsAndTheOldTokenIsRefusedEverywhere()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 1 } }));
        var tokens = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync("/api/account", TestContext.Current.CancellationToken)).StatusCode);

        var refresh = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        foreach (var (method, url) in new[] { ("GET", "/api/journal"), ("GET", "/api/journal/2026-06-14"), ("GET", "/api/items"), ("GET", "/api/account/profile"), ("GET", "/api/journal/export"), ("DELETE", "/api/account") })
        {
            var response = await member.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} with the erased member's token: {(int)response.StatusCode}");
        }

        var before = factory.Fingerprint();
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PutDayAsync("2026-06-13", new { values = new { redness = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PostAsJsonAsync("/api/items", new { key = "ghost", label = "Ghost", group = "habit", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Ghost" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-13,itch,1\n"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task DeleteAccount_ByCookie_EndsTheCookieSessionToo()
    {
        var member = await factory.MemberAsync();
        using var browser = await factory.CookieClientAsync(member.Email);
        await ReadJsonAsync(await browser.PutDayAsync("2026-06-14", new { values = new { itch = 2 } }));

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/account", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/journal", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, factory.WithDb(db => db.Users.Count(u => u.Id == member.Id) + db.JournalDays.Count(d => d.UserId == member.Id)));
    }

    /// <summary>A member with a row in every personal table: profile, role, claim, external login, token, custom items, days, values, an experiment and its recorded change, a plan with a target, a device with push on.</summary>
    private async Task<TestMember> MemberWithEverythingAsync(string timeZone)
    {
        var member = await factory.MemberAsync(timeZone);
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { dairy = 2, redness = 3 }, note = "private" }));
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-13,dairy,1\n2026-06-12,itch,4\n")));
        var experiment = await ReadJsonAsync(
            await member.Client.PostAsJsonAsync("/api/experiments", new { name = "Probiotic", intervention = "probiotic_supplement", outcome = "redness", start = "2026-05-01", @switch = "2026-06-01", end = "2026-08-28", onsetDays = 14 }),
            HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PatchAsJsonAsync($"/api/experiments/{experiment.GetProperty("id").GetInt32()}", new { end = "2026-09-30" }));
        await ReadJsonAsync(await member.Client.PutAsJsonAsync("/api/plan", new
        {
            items = new List<string> { "redness", "dairy", "water" },
            targets = new Dictionary<string, object> { ["water"] = new { min = 1.5 } },
            reminder = new { enabled = true, localTime = "20:30", channel = "both" },
        }));
        using (var device = new TestDevice($"https://push.example.test/send/{Guid.NewGuid():N}"))
        {
            await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", device.Subscription), HttpStatusCode.Created);
        }

        await ReadJsonAsync(await member.Client.PostAsync("/api/photos", Photos.PhotoFiles.Form(Photos.PhotoFiles.Plain(), "skin.jpg", "2026-06-14", "face"), TestContext.Current.CancellationToken), HttpStatusCode.Created);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(member.Id))!;
        Assert.True((await users.AddClaimAsync(user, new Claim("test-claim", "x"))).Succeeded);
        Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("TestProvider", $"key-{member.Id}", "Test"))).Succeeded);
        Assert.True((await users.SetAuthenticationTokenAsync(user, "TestProvider", "refresh", "secret")).Succeeded);
        return member;
    }

    /// <summary>
    /// What identifies a member's rows: their user id, e-mail and user name in any text column, and, following
    /// every foreign key from the user row outwards, the primary keys of every row that hangs off them
    /// (their days, custom items, and whatever a later feature adds).
    /// </summary>
    private OwnedKeySet OwnedKeys(TestMember member) => factory.WithDb(db =>
    {
        var owned = new Dictionary<IEntityType, HashSet<object>> { [db.Model.FindEntityType(typeof(AppUser))!] = [member.Id] };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindPrimaryKey()?.Properties is [_]))
            {
                var key = entity.FindPrimaryKey()!.Properties[0];
                foreach (var fk in entity.GetForeignKeys().Where(fk => fk.Properties is [_] && owned.ContainsKey(fk.PrincipalEntityType)))
                {
                    var found = Select(db, entity, key, fk.Properties[0], owned[fk.PrincipalEntityType]);
                    var set = owned.TryGetValue(entity, out var existing) ? existing : owned[entity] = [];
                    foreach (var row in found)
                    {
                        grew |= set.Add(row);
                    }
                }
            }
        }

        return new OwnedKeySet([member.Id, member.Email, member.Email.ToUpperInvariant()], owned);
    });

    /// <summary>
    /// For every table of the model, the rows that reference the member: a text column holding their id or
    /// e-mail, a primary key of a row they own, or a foreign key pointing at one.
    /// </summary>
    private Dictionary<string, long> CountReferences(OwnedKeySet keys) => factory.WithDb(db =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var conditions = new List<(IProperty Column, IReadOnlyCollection<object> Values)>();
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(string))
                {
                    conditions.Add((property, keys.Texts));
                }

                if (property.IsPrimaryKey() && entity.FindPrimaryKey()!.Properties.Count == 1 && keys.Owned.TryGetValue(entity, out var ownedRows))
                {
                    conditions.Add((property, ownedRows));
                }

                foreach (var fk in property.GetContainingForeignKeys().Where(fk => fk.Properties.Count == 1 && keys.Owned.ContainsKey(fk.PrincipalEntityType)))
                {
                    conditions.Add((property, keys.Owned[fk.PrincipalEntityType]));
                }
            }

            var table = entity.GetTableName()!;
            counts[table] = counts.GetValueOrDefault(table) + conditions.Sum(c => Select(db, entity, c.Column, c.Column, c.Values).Count);
        }

        return counts;
    });

    /// <summary>The <paramref name="select"/> column of the rows whose <paramref name="where"/> column holds one of <paramref name="values"/>.</summary>
    private static List<object> Select(GutSkinDb db, IEntityType entity, IProperty select, IProperty where, IReadOnlyCollection<object> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        try
        {
            using var command = connection.CreateCommand();
            var names = new List<string>();
            foreach (var value in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{names.Count}";
                parameter.Value = value;
                command.Parameters.Add(parameter);
                names.Add(parameter.ParameterName);
            }

            // Table and column names come from the model, never from input.
            command.CommandText = $"SELECT \"{select.GetColumnName(store)}\" FROM \"{store.Name}\" WHERE \"{where.GetColumnName(store)}\" IN ({string.Join(", ", names)})";
            var found = new List<object>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(reader.GetValue(0));
            }

            return found;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private sealed record OwnedKeySet(object[] Texts, Dictionary<IEntityType, HashSet<object>> Owned);
}
