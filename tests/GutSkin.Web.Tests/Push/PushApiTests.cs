using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Push;

/// <summary>
/// The member's devices: <c>GET /api/push/key</c>, <c>GET</c>, <c>POST</c> and <c>DELETE /api/push/subscriptions</c>.
/// The endpoints here are never contacted, so they are https URLs of a name that does not resolve.
/// </summary>
public sealed class PushApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>, IDisposable
{
    private readonly List<TestDevice> _devices = [];

    public void Dispose()
    {
        foreach (var device in _devices)
        {
            device.Dispose();
        }
    }

    [Fact]
    public async Task Key_IsAnUncompressedP256Point_TheSameForEveryMember()
    {
        var one = await factory.SharedMemberAsync();
        var other = await factory.MemberAsync();

        var key = (await ReadJsonAsync(await one.Client.GetAsync("/api/push/key", TestContext.Current.CancellationToken))).GetProperty("publicKey").GetString()!;

        var point = Base64Url.DecodeFromChars(key);
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        Assert.Equal(key, (await ReadJsonAsync(await other.Client.GetAsync("/api/push/key", TestContext.Current.CancellationToken))).GetProperty("publicKey").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/push/key", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Subscribe_IsIdempotentByEndpoint_UpdatesTheKeys_AndIsListedForItsMemberOnly()
    {
        var member = await factory.MemberAsync();
        var other = await factory.MemberAsync();
        var device = Device();
        var reinstalled = Device(device.Endpoint);

        var created = await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", device.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var again = await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", reinstalled.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.OK);

        Assert.Equal(device.Endpoint, created.GetProperty("endpoint").GetString());
        Assert.Equal(device.Endpoint, again.GetProperty("endpoint").GetString());
        var stored = Assert.Single(factory.WithDb(db => db.PushSubscriptions.Where(s => s.Endpoint == device.Endpoint).ToList()));
        Assert.Equal((member.Id, reinstalled.P256dh, reinstalled.Auth), (stored.UserId, stored.P256dh, stored.Auth));
        Assert.Equal([device.Endpoint], Endpoints(await ReadJsonAsync(await member.Client.GetAsync("/api/push/subscriptions", TestContext.Current.CancellationToken))));
        Assert.Empty(Endpoints(await ReadJsonAsync(await other.Client.GetAsync("/api/push/subscriptions", TestContext.Current.CancellationToken))));
    }

    [Fact]
    public async Task AnotherMember_CannotRemoveTakeOrSeeMySubscription()
    {
        var me = await factory.MemberAsync();
        var intruder = await factory.MemberAsync();
        var mine = Device();
        await ReadJsonAsync(await me.Client.PostAsJsonAsync("/api/push/subscriptions", mine.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        var delete = await intruder.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/push/subscriptions") { Content = JsonContent.Create(new { endpoint = mine.Endpoint }) }, TestContext.Current.CancellationToken);
        var take = await intruder.Client.PostAsJsonAsync("/api/push/subscriptions", Device(mine.Endpoint).Subscription, cancellationToken: TestContext.Current.CancellationToken);
        var list = await ReadJsonAsync(await intruder.Client.GetAsync("/api/push/subscriptions", TestContext.Current.CancellationToken));

        await AssertProblemAsync(delete, HttpStatusCode.NotFound);
        await AssertProblemAsync(take, HttpStatusCode.Conflict);
        Assert.Empty(Endpoints(list));
        var stored = Assert.Single(factory.WithDb(db => db.PushSubscriptions.Where(s => s.Endpoint == mine.Endpoint).ToList()));
        Assert.Equal((me.Id, mine.P256dh, mine.Auth), (stored.UserId, stored.P256dh, stored.Auth));
    }

    [Fact]
    public async Task Unsubscribe_RemovesTheDevice_ThenAnswers404()
    {
        var member = await factory.MemberAsync();
        var device = Device();
        var kept = Device();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", device.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", kept.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        var first = await member.Client.SendAsync(Delete(device.Endpoint), TestContext.Current.CancellationToken);
        var second = await member.Client.SendAsync(Delete(device.Endpoint), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await AssertProblemAsync(second, HttpStatusCode.NotFound);
        Assert.Equal([kept.Endpoint], Endpoints(await ReadJsonAsync(await member.Client.GetAsync("/api/push/subscriptions", TestContext.Current.CancellationToken))));
        await AssertProblemAsync(await member.Client.SendAsync(Delete(null), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "endpoint");
    }

    public static TheoryData<string, string> BadSubscriptions()
    {
        using var device = new TestDevice("https://push.example.test/x");
        var p256dh = device.P256dh;
        var auth = device.Auth;
        var offCurve = Base64Url.EncodeToString([0x04, .. new byte[64]]);
        var compressed = Base64Url.EncodeToString([0x02, .. device.PublicKey[1..33], .. new byte[32]]);
        string Body(string endpoint, string p, string a) => JsonSerializer.Serialize(new { endpoint, keys = new { p256dh = p, auth = a } });
        return new()
        {
            { Body("http://push.example.test/x", p256dh, auth), "endpoint" },
            { Body("http://127.0.0.1:9/x", p256dh, auth), "endpoint" },
            { Body("https://10.1.2.3/x", p256dh, auth), "endpoint" },
            { Body("https://[::1]/x", p256dh, auth), "endpoint" },
            { Body("ftp://push.example.test/x", p256dh, auth), "endpoint" },
            { Body("/relative", p256dh, auth), "endpoint" },
            { Body("", p256dh, auth), "endpoint" },
            { Body("https://push.example.test/" + new string('a', 2100), p256dh, auth), "endpoint" },
            { Body("https://push.example.test/x", p256dh[..^2], auth), "keys.p256dh" },
            { Body("https://push.example.test/x", compressed, auth), "keys.p256dh" },
            { Body("https://push.example.test/x", offCurve, auth), "keys.p256dh" },
            { Body("https://push.example.test/x", "not base64url!", auth), "keys.p256dh" },
            { Body("https://push.example.test/x", p256dh, Base64Url.EncodeToString(new byte[15])), "keys.auth" },
            { Body("https://push.example.test/x", p256dh, Base64Url.EncodeToString(new byte[17])), "keys.auth" },
            { Body("https://push.example.test/x", p256dh, ""), "keys.auth" },
            { """{"endpoint": "https://push.example.test/x"}""", "keys" },
        };
    }

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task BadSubscription_Is400NamingTheField_AndStoresNothing(string body, string field)
    {
        var member = await factory.SharedMemberAsync();

        var response = await member.Client.PostAsync("/api/push/subscriptions", Json(body), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, factory.WithDb(db => db.PushSubscriptions.Count(s => s.UserId == member.Id)));
    }

    [Fact]
    public async Task PaddedBase64Keys_AreAccepted_AndStoredUnpadded()
    {
        var member = await factory.MemberAsync();
        var device = Device();

        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh + "=", auth = device.Auth + "==" } }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        var stored = Assert.Single(factory.WithDb(db => db.PushSubscriptions.Where(s => s.UserId == member.Id).ToList()));
        Assert.Equal((device.P256dh, device.Auth), (stored.P256dh, stored.Auth));
    }

    private TestDevice Device(string? endpoint = null)
    {
        var device = new TestDevice(endpoint ?? $"https://push.example.test/send/{Guid.NewGuid():N}");
        _devices.Add(device);
        return device;
    }

    private static HttpRequestMessage Delete(string? endpoint) =>
        new(HttpMethod.Delete, "/api/push/subscriptions") { Content = JsonContent.Create(new { endpoint }) };

    private static List<string?> Endpoints(JsonElement list) => [.. list.EnumerateArray().Select(d => d.GetProperty("endpoint").GetString())];
}
