using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace GutSkin.Web.Tests.App;

/// <summary>What makes GutSkin an installable app: the manifest and its icons, the service worker, the offline page.</summary>
public sealed class InstallableAppTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task Manifest_DescribesTheInstalledApp_WithAnyAndMaskableIconsOfTheirStatedSizes()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/manifest.webmanifest", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = manifest.RootElement;
        Assert.Equal("GutSkin", root.GetProperty("short_name").GetString());
        Assert.StartsWith("GutSkin", root.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("/today", root.GetProperty("start_url").GetString());
        Assert.Equal("/", root.GetProperty("scope").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("background_color").GetString());

        var icons = root.GetProperty("icons").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "image/png").ToList();
        foreach (var (purpose, size) in new[] { ("any", 192), ("any", 512), ("maskable", 192), ("maskable", 512) })
        {
            var icon = Assert.Single(icons, i => i.GetProperty("purpose").GetString() == purpose && i.GetProperty("sizes").GetString() == $"{size}x{size}");
            var png = await client.GetAsync(icon.GetProperty("src").GetString(), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            // A PNG starts with its signature and the IHDR chunk: width and height, big-endian, at bytes 16 and 20.
            var bytes = await png.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.Equal((size, size), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
        }
    }

    [Fact]
    public async Task EveryPage_LinksTheManifestAndGivesThemeColoursForLightAndDark()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);

        foreach (var html in new[] { await factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken), await cookie.GetStringAsync("/today", TestContext.Current.CancellationToken) })
        {
            Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">", html, StringComparison.Ordinal);
            Assert.Matches("<meta name=\"theme-color\" content=\"#[0-9a-f]{6}\" media=\"\\(prefers-color-scheme: light\\)\">", html);
            Assert.Matches("<meta name=\"theme-color\" content=\"#[0-9a-f]{6}\" media=\"\\(prefers-color-scheme: dark\\)\">", html);
            Assert.Contains("<link rel=\"apple-touch-icon\" href=\"/icons/apple-touch-icon.png\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ServiceWorker_IsServedFromTheRootAsJavaScript_AndAlwaysRevalidated()
    {
        var response = await factory.CreateClient().GetAsync("/sw.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        // A new version reaches the browser on its next visit: the worker is never taken from a stale HTTP cache.
        Assert.True(response.Headers.CacheControl?.NoCache == true || response.Headers.CacheControl?.NoStore == true, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task OfflinePage_IsTheSameForEveryoneAndHasNoMenu()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);

        var anonymous = await factory.CreateClient().GetStringAsync("/offline", TestContext.Current.CancellationToken);
        var signedIn = await cookie.GetStringAsync("/offline", TestContext.Current.CancellationToken);

        Assert.Contains("You are offline", anonymous, StringComparison.Ordinal);
        Assert.Equal(anonymous, signedIn);
        Assert.DoesNotContain("aria-label=\"Main\"", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Log out", signedIn, StringComparison.Ordinal);
    }
}
