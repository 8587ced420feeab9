using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Tests.Articles;
using Microsoft.EntityFrameworkCore;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Three attempts per client address for everything rate limited (and three reset mails per address, three comments).</summary>
public class SmallSharedLimitsFactory : EdgeFactory
{
    public SmallSharedLimitsFactory()
    {
    }

    protected SmallSharedLimitsFactory(GutSkinFactoryOptions options)
        : base(options)
    {
    }

    protected override int RateLimit => 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:LogIn:PerIp"] = "3",
        ["Accounts:RateLimits:Registration:PerIp"] = "3",
        ["Accounts:RateLimits:PasswordReset:PerIp"] = "3",
        ["Accounts:RateLimits:PasswordReset:PerAccount"] = "3",
        ["Accounts:RateLimits:PasswordCheck:PerIp"] = "3",
    };
}

/// <summary>Another instance of the app on a database that one already uses (a SQLite file both open, or one PostgreSQL database).</summary>
/// <remarks>Instances share the key file as they share the database (docs/deploy.md), so a token from one works on the other.</remarks>
public sealed class SecondInstanceFactory(TestDatabase database) : SmallSharedLimitsFactory(new GutSkinFactoryOptions { Database = database });

/// <summary>Two instances, each with its own service provider, clock and memory, on one database.</summary>
public sealed class TwoInstancesOnOneDatabase : IAsyncLifetime
{
    public SmallSharedLimitsFactory A { get; } = new();

    public SecondInstanceFactory B { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        _ = A.Services;
        B = new SecondInstanceFactory(A.Database);
        _ = B.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>
/// Rate limits hold across instances: two instances on one database allow the attempts of one, not twice as many.
/// Attempts alternate between the instances; the fourth is refused wherever it lands.
/// </summary>
public sealed class SharedRateLimitTests(TwoInstancesOnOneDatabase instances) : IClassFixture<TwoInstancesOnOneDatabase>
{
    private static string Nobody() => $"nobody-{Guid.NewGuid():N}@example.test";

    private static async Task<HttpResponseMessage> SendAsync(GutSkinFactory instance, string ip, string path, object body, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ArticlesFactory.IpHeader, ip);
        request.Headers.Authorization = authorization;
        return await instance.CreateClient().SendAsync(request);
    }

    /// <summary>Three attempts on A, B and A go through; the fourth, on B, is a 429.</summary>
    private async Task AssertFourthIsRefusedAsync(Func<GutSkinFactory, int, Task<HttpResponseMessage>> attempt)
    {
        var order = new GutSkinFactory[] { instances.A, instances.B, instances.A, instances.B };
        for (var i = 0; i < 3; i++)
        {
            var response = await attempt(order[i], i);
            Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, $"Attempt {i + 1} was refused already");
        }

        var fourth = await attempt(order[3], 3);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("log-in")]
    [InlineData("registration")]
    [InlineData("password reset")]
    [InlineData("password check")]
    public async Task AccountLimitsPerClientAddress_HoldAcrossInstances(string action)
    {
        var ip = $"198.51.100.{Array.IndexOf(["log-in", "registration", "password reset", "password check"], action) + 10}";
        var member = action == "password check" ? await instances.A.SharedMemberAsync() : null;

        await AssertFourthIsRefusedAsync((instance, _) => action switch
        {
            "log-in" => SendAsync(instance, ip, "/api/auth/login", new { email = Nobody(), password = Password }),
            "registration" => SendAsync(instance, ip, "/api/auth/register", new { email = Nobody(), password = Password }),
            "password reset" => SendAsync(instance, ip, "/api/auth/forgotPassword", new { email = Nobody() }),
            _ => SendAsync(instance, ip, "/api/auth/manage/info", new { oldPassword = "a wrong guess", newPassword = "a new passphrase" }, member!.Client.DefaultRequestHeaders.Authorization),
        });
    }

    [Fact]
    public async Task ResetMailsPerAccount_HoldAcrossInstances()
    {
        var email = Nobody();

        await AssertFourthIsRefusedAsync((instance, i) => SendAsync(instance, $"198.51.100.{20 + i}", "/api/auth/forgotPassword", new { email }));
    }

    [Fact]
    public async Task CommentLimitPerClientAddress_HoldsAcrossInstances()
    {
        var slug = instances.A.Article();

        await AssertFourthIsRefusedAsync((instance, i) =>
            instance.CreateClient().PostCommentAsync(slug, new { name = "Ann", email = $"{Guid.NewGuid():N}@example.test", body = $"Comment {i}" }, ip: "198.51.100.30"));
    }

    [Fact]
    public async Task TheCountersLiveInTheDatabase_AsHashesOnly()
    {
        await SendAsync(instances.B, "198.51.100.40", "/api/auth/login", new { email = "counted@example.test", password = Password });

        var keys = instances.A.WithDb(db => db.RateCounters.AsNoTracking().Select(c => c.Key).ToList());

        Assert.Contains(RateCounters.Hash("LogIn:ip", "198.51.100.40"), keys);
        Assert.Contains(RateCounters.Hash("LogIn:account", "COUNTED@EXAMPLE.TEST"), keys);
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
    }
}

/// <summary>Expired windows do not pile up: now and then each instance deletes the rows whose windows ended long ago.</summary>
public sealed class RateCounterCleanupTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task RowsOfWindowsThatEndedADayAgo_AreDeleted_TheCurrentOnesKept()
    {
        await factory.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = "first@example.test" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(RateCounters.Hash("PasswordReset:account", "FIRST@EXAMPLE.TEST"), Keys());

        factory.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(11));
        await factory.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = "second@example.test" }, cancellationToken: TestContext.Current.CancellationToken);

        var keys = Keys();
        Assert.DoesNotContain(RateCounters.Hash("PasswordReset:account", "FIRST@EXAMPLE.TEST"), keys);
        Assert.Contains(RateCounters.Hash("PasswordReset:account", "SECOND@EXAMPLE.TEST"), keys);
    }

    private List<string> Keys() => factory.WithDb(db => db.RateCounters.AsNoTracking().Select(c => c.Key).ToList());
}
