using System.Net;
using System.Text;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Every personal route answers 401 to a request without a login, and to a token the app never issued.</summary>
public sealed class AnonymousAccessTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    public static TheoryData<string, string> PersonalRoutes => new()
    {
        { "GET", "/api/items" },
        { "POST", "/api/items" },
        { "PATCH", "/api/items/dairy" },
        { "GET", "/api/journal" },
        { "GET", "/api/journal?from=2026-06-01&to=2026-06-15" },
        { "GET", "/api/journal/2026-06-14" },
        { "PUT", "/api/journal/2026-06-14" },
        { "DELETE", "/api/journal/2026-06-14" },
        { "POST", "/api/journal/import" },
        { "GET", "/api/journal/export" },
        { "GET", "/api/journal/export?format=json" },
        { "GET", "/api/account/profile" },
        { "PUT", "/api/account/profile" },
        { "DELETE", "/api/account" },
        { "GET", "/api/auth/manage/info" },
        { "GET", "/api/insights" },
        { "GET", "/api/experiments" },
        { "POST", "/api/experiments" },
        { "GET", "/api/experiments/1" },
        { "PATCH", "/api/experiments/1" },
        { "DELETE", "/api/experiments/1" },
        { "GET", "/api/experiments/1/result" },
        { "GET", "/api/plan" },
        { "PUT", "/api/plan" },
        { "GET", "/api/moderation/comments" },
        { "POST", "/api/moderation/comments/1/approve" },
    };

    [Theory]
    [MemberData(nameof(PersonalRoutes))]
    public async Task PersonalRoute_WithoutLogin_IsUnauthorized(string method, string url)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Request(method, url), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PersonalRoutes))]
    public async Task PersonalRoute_WithAForgedToken_IsUnauthorized(string method, string url)
    {
        using var client = factory.CreateClient();
        var request = Request(method, url);
        request.Headers.Authorization = new("Bearer", "forged.token.value");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousWrites_WriteNothing()
    {
        using var client = factory.CreateClient();
        var before = factory.Fingerprint();

        foreach (var (method, url) in new[] { ("PUT", "/api/journal/2026-06-14"), ("POST", "/api/items"), ("POST", "/api/journal/import"), ("PUT", "/api/account/profile") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Request(method, url), TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(before, factory.Fingerprint());
    }

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = url.EndsWith("/import", StringComparison.Ordinal)
                ? new StringContent("date,item,value\n2026-06-14,redness,3\n", Encoding.UTF8, "text/csv")
                : new StringContent("""{"values":{"redness":3},"key":"dairy","label":"Dairy","group":"habit","kind":"servings","displayName":"x"}""", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
