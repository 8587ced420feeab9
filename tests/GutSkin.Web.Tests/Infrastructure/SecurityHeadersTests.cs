using System.Net;

namespace GutSkin.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Theory]
    [InlineData("/api/items")]
    [InlineData("/api/journal/2026-02-30")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/reference")]
    [InlineData("/")]
    public async Task EveryResponse_HasAContentSecurityPolicyOfTheAppsOwnOrigin(string url)
    {
        var member = await factory.SharedMemberAsync();

        var anonymous = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);
        var signedIn = await member.Client.GetAsync(url, TestContext.Current.CancellationToken);

        foreach (var response in new[] { anonymous, signedIn })
        {
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("default-src 'self'", directives);
            Assert.DoesNotContain("http", policy, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sw.js")]
    [InlineData("/manifest.webmanifest")]
    public async Task ThePolicy_AllowsTheServiceWorkerAndTheManifestFromTheAppsOwnOriginOnly(string url)
    {
        var response = await factory.CreateClient().GetAsync(url, TestContext.Current.CancellationToken);

        var directives = Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("worker-src 'self'", directives);
        Assert.Contains("manifest-src 'self'", directives);
    }

    [Fact]
    public async Task ApiErrors_AreProblemDocuments_NotPages()
    {
        var response = await factory.CreateClient().GetAsync("/api/journal", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
