using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Instances.Tests;

/// <summary>Two instances started at the same moment on a database that does not exist yet.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.Create(DatabaseProvider.Postgres);

    public GutSkinFactory A { get; private set; } = null!;

    public GutSkinFactory B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        A = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(Database));
        B = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(Database));
        await Task.WhenAll(Task.Run(A.StartServer), Task.Run(B.StartServer));
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Database.Dispose();
    }
}

/// <summary>
/// Cookies, antiforgery tokens and bearer tokens are protected with data-protection keys kept in the
/// database: whatever one instance issues, another accepts. The instances must also agree on the keys
/// from the start: two that each made a first key of their own would each cache a key ring without the
/// other's key and, once the first minutes after start-up are over, turn away what the other issued.
/// </summary>
public sealed partial class KeySharingTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Password = "correct horse battery";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public void InstancesStartedTogetherOnAnEmptyDatabase_MakeOneKeyAndBothUseIt()
    {
        Assert.Equal(1, instances.A.WithDb(db => db.DataProtectionKeys.Count()));
        var onA = instances.A.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;
        var onB = instances.B.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;
        Assert.Equal(onA, onB);
    }

    [Fact]
    public async Task LoginCookieIssuedByOneInstance_IsAcceptedByTheOther()
    {
        var email = await RegisterAsync();
        var cookies = new CookieJar();
        using var onA = instances.A.CreateDefaultClient(cookies.Handler());
        using var onB = instances.B.CreateDefaultClient(cookies.Handler());
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/account/profile", TestContext.Current.CancellationToken)).StatusCode);

        var login = await onA.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("gutskin.auth", cookies.Cookies.Keys);

        var profile = await onB.GetAsync("/api/account/profile", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains(email, await profile.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormFetchedFromOneInstance_IsAcceptedWhenPostedToTheOther()
    {
        var email = await RegisterAsync();
        var cookies = new CookieJar();
        using var onA = instances.A.CreateDefaultClient(cookies.Handler());
        using var onB = instances.B.CreateDefaultClient(cookies.Handler());

        var form = await onA.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        var post = await onB.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), TestContext.Current.CancellationToken);

        // Signed in by B (a redirect home, not the 400 of a token B cannot read), and A reads B's login cookie.
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/account/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task BearerAndRefreshTokensIssuedByOneInstance_AreAcceptedByTheOther()
    {
        var email = await RegisterAsync();
        using var onA = instances.A.CreateClient();
        using var onB = instances.B.CreateClient();
        var login = await onA.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken);

        using var profile = new HttpRequestMessage(HttpMethod.Get, "/api/account/profile");
        profile.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(profile, TestContext.Current.CancellationToken)).StatusCode);

        var refresh = await onB.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var renewed = (await refresh.Content.ReadFromJsonAsync<JsonElement>(cancellationToken: TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/account/profile");
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        Assert.Equal(HttpStatusCode.OK, (await onA.SendAsync(again, TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<string> RegisterAsync()
    {
        var email = $"member-{Guid.NewGuid():N}@example.test";
        await instances.A.RegisterAsync(email, Password);
        return email;
    }
}

/// <summary>The first-key race, again and again: instances that start together on a database with no usable key.</summary>
public sealed class FirstKeyTests
{
    [Fact]
    public async Task InstancesStartingTogetherOnADatabaseWithoutKeys_AllUseOneNewKey()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using (var first = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database)))
        {
            first.StartServer();
        }

        for (var round = 0; round < 3; round++)
        {
            // Keys gone (a new database restored without them, say): the next start must make exactly one.
            await using (var db = database.Open())
            {
                await db.DataProtectionKeys.ExecuteDeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
            }

            var hosts = Enumerable.Range(0, 3).Select(_ => GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database))).ToList();
            try
            {
                await Task.WhenAll(hosts.Select(h => Task.Run(h.StartServer)));
                await using var db = database.Open();
                Assert.Equal(1, await db.DataProtectionKeys.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
                var defaults = hosts.Select(h => h.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId).Distinct();
                Assert.Single(defaults);
            }
            finally
            {
                foreach (var host in hosts)
                {
                    await host.DisposeAsync();
                }
            }
        }
    }
}
