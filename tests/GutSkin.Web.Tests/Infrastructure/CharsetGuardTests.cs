using System.Net;
using System.Net.Http.Json;
using System.Text;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>A JSON body in a charset other than UTF-8 is a 415, never a 500 (dotnet/aspnetcore#61514); a quoted "utf-8" is fine.</summary>
public sealed class CharsetGuardTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"utf-16\"")]
    [InlineData("text/csv; charset=bogus")]
    public async Task OtherCharset_Is415ProblemAndWritesNothing(string contentType)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        foreach (var (method, url) in new[] { ("PUT", "/api/journal/2026-06-14"), ("POST", "/api/items"), ("PUT", "/api/account/profile"), ("POST", "/api/journal/import") })
        {
            var response = await member.Client.SendAsync(Request(method, url, contentType), TestContext.Current.CancellationToken);
            var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json")]
    public async Task Utf8_QuotedOrNot_IsAccepted(string contentType)
    {
        var member = await factory.SharedMemberAsync();

        var response = await member.Client.SendAsync(Request("PUT", "/api/journal/2026-06-13", contentType), TestContext.Current.CancellationToken);

        var day = await ReadJsonAsync(response);
        Assert.Equal(3, day.GetProperty("values").GetProperty("redness").GetDouble());
    }

    [Fact]
    public async Task QuotedUtf8Csv_IsImported()
    {
        var member = await factory.SharedMemberAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("date,item,value\n2026-06-12,itch,2\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/csv; charset=\"utf-8\"");

        var result = await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", content, TestContext.Current.CancellationToken));

        Assert.Equal(1, result.GetProperty("rows").GetInt32());
        Assert.Equal(2, (await member.Client.GetFromJsonAsync<DayValues>("/api/journal/2026-06-12", cancellationToken: TestContext.Current.CancellationToken))!.Values["itch"]);
    }

    private static HttpRequestMessage Request(string method, string url, string contentType)
    {
        var body = url.EndsWith("/import", StringComparison.Ordinal)
            ? "date,item,value\n2026-06-14,redness,3\n"
            : url.StartsWith("/api/items", StringComparison.Ordinal)
                ? """{"key":"dairy","label":"Dairy","group":"habit","kind":"servings"}"""
                : url.StartsWith("/api/account", StringComparison.Ordinal)
                    ? """{"displayName":"Changed"}"""
                    : """{"values":{"redness":3}}""";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
    }

    private sealed record DayValues(Dictionary<string, double> Values);
}
