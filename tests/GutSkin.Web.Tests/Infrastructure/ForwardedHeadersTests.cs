using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Tests.Articles;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>A request as it reaches the app: from a TCP peer, perhaps with the X-Forwarded-* headers a proxy adds (or a client forges).</summary>
internal static class Forwarded
{
    public static async Task<HttpResponseMessage> SendAsync(GutSkinFactory factory, HttpMethod method, string path, string peer, string? forwardedFor = null, string? forwardedProto = null, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Add(ArticlesFactory.IpHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LogInAsync(GutSkinFactory factory, string peer, string? forwardedFor = null, string? forwardedProto = null, string? email = null, bool cookie = false) =>
        SendAsync(factory, HttpMethod.Post, cookie ? "/api/auth/login?useCookies=true" : "/api/auth/login", peer, forwardedFor, forwardedProto,
            new { email = email ?? $"nobody-{Guid.NewGuid():N}@example.test", password = Password });

    public static bool HasSecureAuthCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal))
            .Split(';', StringSplitOptions.TrimEntries).Skip(1).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Nobody is trusted as a proxy unless configured: forwarded headers from any peer are ignored.</summary>
public sealed class UntrustedForwardedHeadersTests(SmallAccountLimitsFactory factory) : IClassFixture<SmallAccountLimitsFactory>
{
    [Fact]
    public async Task SpoofedForwardedFor_DoesNotChangeTheRateLimitPartition()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Forwarded.LogInAsync(factory, "192.0.2.80", forwardedFor: $"203.0.113.{i}")).StatusCode);
        }

        var spoofed = await Forwarded.LogInAsync(factory, "192.0.2.80", forwardedFor: "203.0.113.4");

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task ForwardedProto_DoesNotMakeAPlainHttpRequestSecure()
    {
        var member = await factory.SharedMemberAsync();

        var login = await Forwarded.LogInAsync(factory, "192.0.2.81", forwardedProto: "https", email: member.Email, cookie: true);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(Forwarded.HasSecureAuthCookie(login));
    }
}

/// <summary>Behind the configured proxy (192.0.2.1) or a peer in the configured network (198.51.100.0/24), the forwarded client address counts.</summary>
public sealed class TrustedProxyTests(TrustedProxyFactory factory) : IClassFixture<TrustedProxyFactory>
{
    [Fact]
    public async Task ThroughTheProxy_EachClientHasItsOwnLogInLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "203.0.113.10")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "203.0.113.10")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "203.0.113.11")).StatusCode);
        // A peer in the trusted network speaks for the same client.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded.LogInAsync(factory, TrustedProxyFactory.TrustedNetworkPeer, forwardedFor: "203.0.113.10")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheAddressTheProxyAppended_Counts_NotOneTheClientForged()
    {
        for (var i = 0; i < 3; i++)
        {
            await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "203.0.113.20");
        }

        // nginx appends the address it saw to whatever the client sent: the last entry is the real one.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "198.51.100.99, 203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, forwardedFor: "203.0.113.20, 203.0.113.21")).StatusCode);
    }

    [Fact]
    public async Task AnotherPeer_IsNotTrusted_EvenHere()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Forwarded.LogInAsync(factory, "192.0.2.99", forwardedFor: $"203.0.113.3{i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forwarded.LogInAsync(factory, "192.0.2.99", forwardedFor: "203.0.113.39")).StatusCode);
    }

    [Fact]
    public async Task ForwardedProtoHttps_FromTheProxy_MakesTheCookieSecure()
    {
        var member = await factory.MemberAsync();

        var overTls = await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, "203.0.113.50", "https", member.Email, cookie: true);
        var plain = await Forwarded.LogInAsync(factory, EdgeFactory.Proxy, "203.0.113.51", "http", member.Email, cookie: true);

        Assert.True(Forwarded.HasSecureAuthCookie(overTls));
        Assert.False(Forwarded.HasSecureAuthCookie(plain));
    }

    [Fact]
    public async Task Comments_AreLimitedAndHashedByTheRealClientAddress()
    {
        var slug = factory.Article();
        object Comment(int n) => new { name = "A", email = "a@example.test", body = $"Hello {n}" };
        for (var i = 0; i < 3; i++)
        {
            var sent = await Forwarded.SendAsync(factory, HttpMethod.Post, $"/api/articles/{slug}/comments", EdgeFactory.Proxy, "203.0.113.60", json: Comment(i));
            Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var limited = await Forwarded.SendAsync(factory, HttpMethod.Post, $"/api/articles/{slug}/comments", EdgeFactory.Proxy, "203.0.113.60", json: Comment(3));
        var other = await Forwarded.SendAsync(factory, HttpMethod.Post, $"/api/articles/{slug}/comments", EdgeFactory.Proxy, "203.0.113.61", json: Comment(4));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        var expected = factory.Services.GetRequiredService<IpHasher>().Hash(IPAddress.Parse("203.0.113.61"));
        Assert.Equal(expected, factory.Comment(await ArticleTestSupport.CommentIdAsync(other)).IpHash);
    }
}
