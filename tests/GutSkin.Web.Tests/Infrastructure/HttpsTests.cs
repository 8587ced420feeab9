using System.Net;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Infrastructure;

internal static class Https
{
    public static HttpClient Client(GutSkinFactory factory, string origin, string? peer = null, string? forwardedProto = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false, HandleCookies = false });
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(ArticlesFactory.IpHeader, peer);
        }

        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client;
    }

    public static string? Hsts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? Assert.Single(values) : null;

    /// <summary>Whether the antiforgery cookie a form page set is marked Secure.</summary>
    public static bool AntiforgeryCookieIsSecure(HttpResponseMessage page)
    {
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        return cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A plain-http run (./run.sh, the defaults) is never redirected and sends no HSTS.</summary>
public sealed class PlainHttpTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://gutskin.example")]
    [InlineData("https://gutskin.example")]
    public async Task WithoutTls_NothingIsRedirected_AndThereIsNoHsts(string origin)
    {
        using var client = Https.Client(factory, origin);

        var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(Https.Hsts(page));
    }

    [Theory]
    [InlineData("http://localhost", false)]
    [InlineData("https://gutskin.example", true)]
    public async Task AntiforgeryCookie_IsSecure_WhenTheRequestCameOverTls(string origin, bool secure)
    {
        using var client = Https.Client(factory, origin);

        var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(secure, Https.AntiforgeryCookieIsSecure(page));
    }
}

/// <summary>An https URL among the bindings: plain http is sent to it, and https answers carry HSTS.</summary>
public sealed class HttpsBindingTests(HttpsBindingFactory factory) : IClassFixture<HttpsBindingFactory>
{
    [Fact]
    public async Task PlainHttp_IsRedirectedToTheHttpsPort_KeepingPathAndQuery()
    {
        using var client = Https.Client(factory, "http://gutskin.example");

        var response = await client.GetAsync("/account/login?returnUrl=%2Ftoday", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://gutskin.example:5443/account/login?returnUrl=%2Ftoday", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Https_HasHstsForAYear()
    {
        using var client = Https.Client(factory, "https://gutskin.example");

        var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Https.Hsts(page));
        // TLS ended at the proxy, and the antiforgery cookie knows it.
        Assert.True(Https.AntiforgeryCookieIsSecure(page));
    }

    [Fact]
    public async Task LocalhostOverHttps_GetsNoHsts()
    {
        using var client = Https.Client(factory, "https://localhost");

        Assert.Null(Https.Hsts(await client.GetAsync("/account/login", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task HealthProbesOverPlainHttp_AreAnswered_NotRedirected()
    {
        using var client = Https.Client(factory, "http://127.0.0.1:5080");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>TLS ends at the trusted proxy: X-Forwarded-Proto from it decides, from anyone else it is ignored.</summary>
public sealed class HttpsBehindProxyTests(HttpsBehindProxyFactory factory) : IClassFixture<HttpsBehindProxyFactory>
{
    [Fact]
    public async Task ForwardedHttpsFromTheProxy_IsServedWithHsts()
    {
        using var client = Https.Client(factory, "http://gutskin.example", EdgeFactory.Proxy, "https");

        var page = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Https.Hsts(page));
        // TLS ended at the proxy, and the antiforgery cookie knows it.
        Assert.True(Https.AntiforgeryCookieIsSecure(page));
    }

    [Theory]
    [InlineData(EdgeFactory.Proxy, "http")]
    [InlineData(EdgeFactory.Proxy, null)]
    [InlineData("192.0.2.99", "https")]
    public async Task PlainHttp_OrAForgedProto_IsRedirectedToHttps(string peer, string? forwardedProto)
    {
        using var client = Https.Client(factory, "http://gutskin.example", peer, forwardedProto);

        var response = await client.GetAsync("/today", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://gutskin.example/today", response.Headers.Location?.OriginalString);
    }
}

public sealed class HttpsSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Theory]
    [InlineData("http://localhost:5000", null, false, null)]
    [InlineData("http://0.0.0.0:8080;http://[::]:8080", null, false, null)]
    [InlineData("http://localhost:5000;https://localhost:5001", null, true, 5001)]
    [InlineData("https://*:7443", null, true, 7443)]
    [InlineData("https://+", null, true, 443)]
    [InlineData("https://localhost:5001", "false", false, null)]
    [InlineData("http://127.0.0.1:5000", "true", true, 443)]
    [InlineData("http://127.0.0.1:5000", "True", true, 443)]
    public void From_UrlsAndTheRedirectSetting(string urls, string? redirect, bool active, int? port)
    {
        var settings = new List<(string, string)> { ("urls", urls) };
        if (redirect is not null)
        {
            settings.Add(("Https:Redirect", redirect));
        }

        Assert.Equal(new HttpsSettings(active, port), HttpsSettings.From(Config([.. settings])));
    }

    [Fact]
    public void From_KestrelEndpointsAndHttpsPorts()
    {
        Assert.Equal(new HttpsSettings(true, 8443), HttpsSettings.From(Config(("Kestrel:Endpoints:Secure:Url", "https://0.0.0.0:8443"))));
        Assert.Equal(new HttpsSettings(true, 9443), HttpsSettings.From(Config(("https_ports", "9443"))));
        Assert.Equal(new HttpsSettings(true, 8443), HttpsSettings.From(Config(("Https:Redirect", "true"), ("Https:Port", "8443"))));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "nginx.local")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0")]
    [InlineData("Https:Redirect", "yes")]
    public void MistypedSettings_StopTheStart(string key, string value) =>
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGutSkinEdge(Config((key, value))));
}
