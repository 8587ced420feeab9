using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Articles;

namespace GutSkin.Instances.Tests;

/// <summary>Two instances on one new database, with small limits: 3 log-ins, reset requests and comments per client address.</summary>
public sealed class TwoLimitedInstances : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Limits = new()
    {
        ["Accounts:RateLimits:LogIn:PerIp"] = "3",
        ["Accounts:RateLimits:PasswordReset:PerIp"] = "3",
        ["Comments:RateLimit"] = "3",
    };

    public TestDatabase Database { get; } = TestDatabase.Create(DatabaseProvider.Postgres);

    public GutSkinFactory A { get; private set; } = null!;

    public GutSkinFactory B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        A = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(Database) with { Settings = Limits });
        B = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(Database) with { Settings = Limits });
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
/// N instances must not allow N times the attempts: the limits count in the shared database, so attempts spread over
/// two instances are refused after the limit of one. (Every request here comes from the same client address.)
/// </summary>
public sealed class RateLimitSharingTests(TwoLimitedInstances instances) : IClassFixture<TwoLimitedInstances>
{
    private async Task<List<HttpStatusCode>> AlternateAsync(Func<HttpClient, int, Task<HttpResponseMessage>> attempt)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = (i % 2 == 0 ? instances.A : instances.B).CreateClient();
            answers.Add((await attempt(client, i)).StatusCode);
        }

        return answers;
    }

    [Fact]
    public async Task LogInAttemptsSpreadOverTwoInstances_AreRefusedAfterTheLimitOfOne()
    {
        var answers = await AlternateAsync((client, i) =>
            client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody-{i}-{Guid.NewGuid():N}@example.test", password = "a wrong password" }));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 3).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), answers);
    }

    [Fact]
    public async Task ResetRequestsSpreadOverTwoInstances_AreRefusedAfterTheLimitOfOne()
    {
        var answers = await AlternateAsync((client, i) =>
            client.PostAsJsonAsync("/api/auth/forgotPassword", new { email = $"nobody-{i}-{Guid.NewGuid():N}@example.test" }));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 3).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), answers);
    }

    [Fact]
    public async Task CommentsSpreadOverTwoInstances_AreRefusedAfterTheLimitOfOne()
    {
        var answers = await AlternateAsync((client, i) =>
            client.PostAsJsonAsync($"/api/articles/{StarterArticle.Slug}/comments", new { name = "Ann", email = $"{Guid.NewGuid():N}@example.test", body = $"Comment {i} across instances." }));

        Assert.All(answers.Take(3), a => Assert.True(a is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{a}"));
        Assert.All(answers.Skip(3), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
    }
}
