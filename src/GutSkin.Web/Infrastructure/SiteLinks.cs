using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Infrastructure;

/// <summary>Settings under <c>Site</c>.</summary>
public sealed class SiteOptions
{
    /// <summary>The public origin of the site, e.g. https://gutskin.example; every absolute link is built from it.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The configured origin when it is a usable one: http or https, a host, no path, query or fragment.</summary>
    public static Uri? PublicOrigin(string? baseUrl) =>
        Uri.TryCreate(baseUrl?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : null;
}

/// <summary>
/// Absolute links (mail, feeds, canonical tags) come from <c>Site:BaseUrl</c>, never from the request's Host header:
/// a link built from the request could point a reset code at whatever host an attacker sent. Without the setting
/// (Development only) the address the server listens on stands in.
/// </summary>
public sealed class SiteLinks(IOptions<SiteOptions> options, IServer server)
{
    /// <summary>The site's origin without a trailing slash.</summary>
    public string Origin =>
        options.Value.BaseUrl is { Length: > 0 } configured
            ? configured.Trim().TrimEnd('/')
            : (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost")
                .Replace("0.0.0.0", "localhost", StringComparison.Ordinal)
                .Replace("[::]", "localhost", StringComparison.Ordinal)
                .Replace("+", "localhost", StringComparison.Ordinal)
                .TrimEnd('/');

    /// <summary>An absolute URL for a path (with its query) on this site: <c>Absolute("/today")</c>.</summary>
    public string Absolute(string pathAndQuery) =>
        Origin + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    /// <summary>The same link on the site's own origin, whatever host it was built with (Identity builds its links from the request).</summary>
    public string Rebase(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) ? Absolute(uri.PathAndQuery) : Absolute(link);

    /// <summary>
    /// The options, and host filtering: unless <c>AllowedHosts</c> is set, a request whose Host header is not the host
    /// of <c>Site:BaseUrl</c> is a 400 before anything else runs. Without a base URL (Development) every host is served.
    /// </summary>
    public static IServiceCollection AddSiteLinks(IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration("Site");
        services.AddSingleton<SiteLinks>();
        // AllowedHosts is the framework's own setting, which it applies after this when it is set.
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<SiteOptions>, IConfiguration>((o, site, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && SiteOptions.PublicOrigin(site.Value.BaseUrl) is { } origin)
            {
                // The Host header carries a name in its ASCII (punycode) form, and an IPv6 address in brackets.
                o.AllowedHosts = [origin.HostNameType == UriHostNameType.Dns ? origin.IdnHost : origin.Host];
            }
        });
        return services;
    }

    /// <summary>
    /// Why the app must not serve with this configuration, in one line that says what to set; null when it may.
    /// Outside Development the public origin is required: there is no safe guess for it.
    /// </summary>
    public static string? StartProblem(SiteOptions options, IHostEnvironment environment)
    {
        var configured = options.BaseUrl;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsDevelopment()
                ? null
                : $"GutSkin needs its public address in the {environment.EnvironmentName} environment: set Site__BaseUrl (e.g. Site__BaseUrl=https://gutskin.example); links in mails are built from it, never from the request.";
        }

        return SiteOptions.PublicOrigin(configured) is null
            ? $"Site__BaseUrl must be the site's public origin, scheme and host only (e.g. https://gutskin.example), not '{configured}'."
            : null;
    }
}
