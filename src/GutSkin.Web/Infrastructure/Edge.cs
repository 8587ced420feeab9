using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Whether the app is reached over TLS, and on which port: from its own bindings (an https URL in <c>Urls</c>,
/// <c>HTTPS_PORTS</c> or a Kestrel endpoint), or from <c>Https:Redirect=true</c> when a trusted proxy ends TLS.
/// </summary>
public sealed record HttpsSettings(bool Active, int? Port)
{
    public static HttpsSettings From(IConfiguration configuration)
    {
        var bindingPort = HttpsBindingPort(configuration);
        return configuration["Https:Redirect"] switch
        {
            null or "" => new HttpsSettings(bindingPort is not null, bindingPort),
            var s when bool.TryParse(s, out var on) => on
                ? new HttpsSettings(true, configuration.GetValue<int?>("Https:Port") ?? bindingPort ?? 443)
                : new HttpsSettings(false, null),
            var s => throw new InvalidOperationException($"Https:Redirect must be true or false, not '{s}'."),
        };
    }

    private static int? HttpsBindingPort(IConfiguration configuration)
    {
        if (configuration["https_ports"] is { Length: > 0 } ports)
        {
            return int.Parse(ports.Split(';', ',')[0].Trim(), CultureInfo.InvariantCulture);
        }

        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        foreach (var url in urls)
        {
            // Kestrel accepts wildcard hosts (https://*:5001, https://+:5001) that Uri does not.
            var parsable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            if (Uri.TryCreate(parsable, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                return uri.Port;
            }
        }

        return null;
    }
}

public static class Edge
{
    /// <summary>
    /// Forwarded headers from the configured proxies only (<c>ForwardedHeaders:KnownProxies</c>, addresses, and
    /// <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges; none by default, so the headers are ignored), and HSTS
    /// with HTTPS redirection when the app knows it is served over TLS.
    /// </summary>
    public static IServiceCollection AddGutSkinEdge(this IServiceCollection services, IConfiguration configuration)
    {
        // Parsed now, so a mistyped address stops the start instead of silently trusting nobody.
        var proxies = Values(configuration, "ForwardedHeaders:KnownProxies")
            .Select(p => IPAddress.TryParse(p, out var address) ? address : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address."))
            .ToList();
        var networks = Values(configuration, "ForwardedHeaders:KnownNetworks")
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR range such as 10.0.0.0/8."))
            .ToList();
        var forwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy (nginx) by default: only the address it appended counts. Raise it for a chain of known proxies.
            o.ForwardLimit = forwardLimit;
            // The framework trusts loopback by default; here only what is configured counts.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });

        // The server does not name itself, and the antiforgery cookie is Secure whenever the request came over TLS
        // (directly, or through a trusted proxy that says so).
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var https = HttpsSettings.From(configuration);
        services.AddSingleton(https);
        if (https.Active)
        {
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
            services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                o.HttpsPort = https.Port;
            });
        }

        return services;
    }

    /// <summary>
    /// First in the pipeline: everything after it sees the real client address and scheme. Without a configured
    /// proxy the middleware stays out altogether: with both of its lists empty it would trust every peer.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<TrustedProxies>().Any ? app.UseForwardedHeaders() : app;

    private sealed record TrustedProxies(bool Any);

    /// <summary>
    /// HSTS and a redirect to https, only when the app is on TLS (never for a plain-http run on localhost).
    /// Health probes are not redirected: a load balancer may ask over plain http.
    /// </summary>
    public static IApplicationBuilder UseHttpsWhenServedOverTls(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<HttpsSettings>().Active)
        {
            return app;
        }

        app.UseHsts();
        return app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
    }

    /// <summary>A list setting given as an array (Section:0, Section:1) or as one comma-separated value (handy in environment variables).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var items = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return items.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
