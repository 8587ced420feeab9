using System.Net;
using System.Text.RegularExpressions;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The OpenAPI document and the browsable reference, served without anything from another site.</summary>
public sealed partial class ApiDocumentationTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task OpenApiDocument_IsServedAndListsThePersonalEndpoints()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await ReadJsonAsync(response);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/journal/{date}", "/api/journal", "/api/journal/import", "/api/journal/export", "/api/items", "/api/items/{key}", "/api/account/profile", "/api/account", "/api/auth/register", "/api/auth/login" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"The OpenAPI document has no {path}.");
        }

        Assert.True(paths.GetProperty("/api/journal/{date}").TryGetProperty("put", out _));
    }

    [Fact]
    public async Task ReferencePage_IsHtmlThatLoadsNothingFromAnotherHost()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/reference", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var references = SrcOrHref().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, url => Assert.False(IsOffSite(url), $"The reference page loads {url} from another host."));
        // What it loads is really served by the app.
        foreach (var url in references.Where(u => u.EndsWith(".js", StringComparison.Ordinal)))
        {
            var script = await client.GetAsync(new Uri(new Uri("http://localhost/api/reference/"), url), TestContext.Current.CancellationToken);
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{url}: {(int)script.StatusCode}");
        }
    }

    [Fact]
    public async Task ReferencePage_TurnsOffScalarsCdnFontsAndTelemetry()
    {
        var html = (await factory.CreateClient().GetStringAsync("/api/reference", TestContext.Current.CancellationToken)).Replace(" ", "", StringComparison.Ordinal);

        // The bundled scalar.js fetches Inter and JetBrains Mono from https://fonts.scalar.com and sends
        // telemetry unless the page's configuration turns both off (DisableDefaultFonts(), DisableTelemetry()).
        Assert.True(html.Contains("\"withDefaultFonts\":false", StringComparison.Ordinal), "The reference page lets Scalar load its fonts from fonts.scalar.com.");
        Assert.True(html.Contains("\"telemetry\":false", StringComparison.Ordinal), "The reference page leaves Scalar's telemetry on.");
    }

    private static bool IsOffSite(string url) =>
        url.StartsWith("//", StringComparison.Ordinal)
        || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" && absolute.Host != "localhost");

    [GeneratedRegex("""\b(?:src|href)\s*=\s*["'](?<url>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex SrcOrHref();
}
