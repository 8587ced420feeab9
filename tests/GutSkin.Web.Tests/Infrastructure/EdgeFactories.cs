using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Hosting;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The app with settings of the edge (proxies, TLS, rate limits). The TCP peer's address comes from the
/// X-Test-Ip header (TestServer has none), set before the app's own pipeline, exactly where Kestrel would
/// set it: the forwarded-headers middleware sees it as the connection's address.
/// </summary>
public abstract class EdgeFactory : ArticlesFactory
{
    public const string Proxy = "192.0.2.1";

    protected EdgeFactory()
    {
    }

    protected EdgeFactory(GutSkinFactoryOptions options)
        : base(options)
    {
    }

    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A cookie-keeping client whose requests come from <paramref name="peer"/>.</summary>
    public HttpClient From(string peer) => this.Browser(peer);
}

/// <summary>Small log-in, registration and reset limits, and nobody trusted as a proxy (the default).</summary>
public sealed class SmallAccountLimitsFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:LogIn:PerIp"] = "3",
        ["Accounts:RateLimits:LogIn:PerAccount"] = "6",
        ["Accounts:RateLimits:PasswordCheck:PerIp"] = "3",
        ["Accounts:RateLimits:PasswordCheck:PerAccount"] = "6",
        ["Accounts:RateLimits:Registration:PerIp"] = "2",
        ["Accounts:RateLimits:PasswordReset:PerIp"] = "3",
        ["Accounts:RateLimits:PasswordReset:PerAccount"] = "2",
    };
}

/// <summary>One trusted proxy by address and one trusted network; small log-in and comment limits.</summary>
public sealed class TrustedProxyFactory : EdgeFactory
{
    public const string TrustedNetworkPeer = "198.51.100.20";

    protected override int RateLimit => 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["ForwardedHeaders:KnownNetworks"] = "198.51.100.0/24",
        ["Accounts:RateLimits:LogIn:PerIp"] = "3",
    };
}

/// <summary>An https URL among the app's bindings.</summary>
public sealed class HttpsBindingFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Urls"] = "http://127.0.0.1:5080;https://127.0.0.1:5443",
    };
}

/// <summary>TLS ends at a trusted proxy that says so in X-Forwarded-Proto.</summary>
public sealed class HttpsBehindProxyFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Https:Redirect"] = "true",
        ["ForwardedHeaders:KnownProxies"] = Proxy,
    };
}
