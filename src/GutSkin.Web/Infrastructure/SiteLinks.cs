using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Infrastructure;

/// <summary>Settings under <c>Site</c>.</summary>
public sealed class SiteOptions
{
    /// <summary>The public origin of the site, e.g. https://gutskin.example; every absolute link is built from it.</summary>
    public string? BaseUrl { get; set; }
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
            ? configured.TrimEnd('/')
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

    public static IServiceCollection AddSiteLinks(IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration("Site");
        services.AddSingleton<SiteLinks>();
        return services;
    }
}
