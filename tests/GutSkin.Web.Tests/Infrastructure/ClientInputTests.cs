using System.Net;
using System.Net.Http.Json;
using System.Text;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>No request ever yields a 500 because of what the client sent; a refused one changes nothing.</summary>
public sealed class ClientInputTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    public static TheoryData<string> JsonBodies => new()
    {
        "null", "[]", "{}", "\"text\"", "42", "true", "{\"values\":null}", "{\"values\":{\"\":1}}", "{\"values\":{\"redness\":null}}",
        "{\"values\":{\"redness\":1.7976931348623157E+308}}", "{\"values\":{\"redness\":-0}}", "{\"key\":null,\"label\":null}",
        "{\"label\":null,\"archived\":null}", "{\"timeZone\":null,\"displayName\":null}", "{\"items\":null,\"days\":null}",
        "{\"days\":[{\"date\":null,\"values\":null,\"note\":null}]}", "{\"items\":[{}]}", "{\"days\":[{}]}", "{\"version\":\"one\"}",
        "{\"values\":{\"redness\":3},\"values\":{\"itch\":2}}", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
        "\uFEFF{\"values\":{\"redness\":1}}", "{\"values\":{\"redness\":1}", "{'values':{}}", "{\"note\":\"\\ud800\"}",
        "{\"note\":\"a\\u0000b\",\"displayName\":\"a\\u0000b\",\"label\":\"a\\u0000b\",\"key\":\"nul_label\",\"group\":\"habit\",\"kind\":\"yesno\"}",
        "{\"days\":[{\"date\":\"2026-06-01\",\"note\":\"a\\u0000b\"}]}",
        "{\"timeZone\":\"Europe/Berlin\\u0000\",\"unit\":\"a\\u0000\",\"key\":\"nul_unit\",\"label\":\"Nul unit\",\"group\":\"habit\",\"kind\":\"servings\"}",
    };

    public static TheoryData<string> CsvBodies => new()
    {
        "\0\0\0", "date,item,value\n\"unterminated", "date,item,value\n,,\n", "date,item,value\n2026-06-01,redness,1e5\n",
        "date,item,value\n2026-06-01,redness,NaN\n", "date,item,value\n2026-06-01,redness,Infinity\n", "date,item,value\n2026-06-01,redness,-0\n",
        "date,item,value\n" + new string('x', 100_000) + "\n", "date,item,value\r2026-06-01,redness,1\r", "date,item,value\n\"2026-06-01\",\"redness\",\"1\"\n",
        "\"date\",\"item\",\"value\"\n2026-06-01,redness,\"1\"\"\"\n",
    };

    [Theory]
    [MemberData(nameof(JsonBodies))]
    public async Task AnyJsonBody_OnAnyWriteRoute_IsNeverAServerError(string body)
    {
        var member = await SetUpAsync();

        foreach (var (method, url) in new[] { ("PUT", "/api/journal/2026-06-14"), ("POST", "/api/items"), ("PATCH", "/api/items/fuzz_target"), ("PUT", "/api/account/profile"), ("POST", "/api/journal/import") })
        {
            await AssertNoServerErrorAsync(member, method, url, new StringContent(body, Encoding.UTF8, "application/json"));
        }
    }

    [Theory]
    [MemberData(nameof(CsvBodies))]
    public async Task AnyCsvBody_IsNeverAServerError(string body)
    {
        var member = await SetUpAsync();

        await AssertNoServerErrorAsync(member, "POST", "/api/journal/import", Csv(body));
    }

    [Theory]
    [InlineData("DELETE", "/api/journal/%E2%80%8B")]
    [InlineData("GET", "/api/journal/%FF%FE")]
    [InlineData("PATCH", "/api/items/%E2%80%8B")]
    [InlineData("GET", "/api/journal?from=%00&to=%FF")]
    [InlineData("GET", "/api/journal?from=2026-06-01&from=2026-06-02")]
    [InlineData("GET", "/api/journal/export?format=%00")]
    [InlineData("GET", "/api/journal/export?format=csv&format=json")]
    [InlineData("PATCH", "/api/items/..%2F..%2Fetc")]
    public async Task OddRoutesAndQueries_AreNeverAServerError(string method, string url)
    {
        var member = await SetUpAsync();
        var content = method == "PATCH" ? JsonContent.Create(new { label = "x" }) : null;

        await AssertNoServerErrorAsync(member, method, url, content);
    }

    [Theory]
    [InlineData("nul\u0000@example.test", "correct horse battery")]
    [InlineData("nul-password@example.test", "correct horse\u0000battery")]
    public async Task Register_WithANulCharacter_IsNeverAServerError(string email, string password)
    {
        var before = factory.Fingerprint();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal(before, factory.Fingerprint());
        }
    }

    [Fact]
    public async Task VeryLongDateInTheRoute_IsAProblemNamingDate()
    {
        var member = await SetUpAsync();

        await AssertProblemAsync(await member.Client.PutDayAsync(new string('9', 5000), new { values = new { redness = 1 } }), HttpStatusCode.BadRequest, "date");
    }

    private Task<TestMember> SetUpAsync() => factory.SharedAsync("member with an item", async () =>
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "fuzz_target", label = "Target", group = "habit", kind = "servings" }), HttpStatusCode.Created);
        return member;
    });

    private async Task AssertNoServerErrorAsync(TestMember member, string method, string url, HttpContent? content)
    {
        var before = factory.Fingerprint();

        var response = await member.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });

        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{method} {url}: {status} {await response.Content.ReadAsStringAsync()}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, factory.Fingerprint());
        }
    }
}
