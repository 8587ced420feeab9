using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// Every page that takes a day in its route or query answers a day no journal holds (0001-01-01, 9999-12-31, just
/// before 1900-01-01, the day after the member's tomorrow) with the friendly 400 page, never a 500; the pages are
/// found in the app itself, so a new one is swept as soon as it exists.
/// </summary>
public sealed class PageDateSweepTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    /// <summary>Each page that takes a day, by its file, and the addresses that give it <c>{0}</c> as the day.</summary>
    private static readonly Dictionary<string, string[]> DatePages = new(StringComparer.Ordinal)
    {
        ["/Journal/Today"] = ["/today/{0}"],
        ["/Journal/Open"] = ["/journal/open?date={0}"],
        ["/Photos/Add"] = ["/photos/add?date={0}"],
        ["/Report/Index"] = ["/report?from={0}", "/report?to={0}", "/report?from={0}&to=2026-06-15"],
    };

    public static TheoryData<string> Addresses() => [.. DatePages.Values.SelectMany(a => a)];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var address in DatePages.Values.SelectMany(a => a))
        {
            foreach (var (_, day) in OpenApiSweep.DaysOutsideTheJournal)
            {
                cases.Add(address, day);
            }
        }

        return cases;
    }

    [Fact]
    public async Task TheSweptPages_AreEveryPageThatTakesADay()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var found = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var page = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var names = endpoint.RoutePattern.Parameters.Select(p => p.Name)
                .Concat(page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Parameters).Select(p => p.Name))
                .Concat(page.BoundProperties.Where(p => p.BindingInfo?.RequestPredicate is null || IsGetBound(p)).Select(p => p.BindingInfo?.BinderModelName ?? p.Name));
            if (names.Any(TakesADay))
            {
                found.Add(descriptor.ViewEnginePath);
            }
        }

        Assert.Equal(DatePages.Keys.Order(StringComparer.Ordinal), found.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ADayNoJournalHolds_IsTheFriendly400Page(string address, string day)
    {
        var cookie = await CookieAsync();

        var response = await FollowAsync(cookie, string.Format(System.Globalization.CultureInfo.InvariantCulture, address, day));

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{address} with {day}: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(day, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task TheSameAddressWithToday_IsThePage(string address)
    {
        var response = await FollowAsync(await CookieAsync(), string.Format(System.Globalization.CultureInfo.InvariantCulture, address, "2026-06-15"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/report.pdf?from=9999-12-25&to=9999-12-31", "from")]
    [InlineData("/report.pdf?from=0001-01-01&to=0001-01-31", "from")]
    [InlineData("/api/journal/0001-01-01", "date")]
    public async Task TheAddressesOfTheFinding_AreProblemsNamingTheField(string address, string field)
    {
        var member = await factory.SharedMemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.GetAsync(address, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
    }

    private Task<HttpClient> CookieAsync() => factory.SharedAsync("cookie", async () => await factory.CookieClientAsync((await factory.SharedMemberAsync()).Email));

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync(address);
        for (var hops = 0; hops < 3 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        return response;
    }

    private static bool IsGetBound(ParameterDescriptor property) =>
        property.BindingInfo?.RequestPredicate?.Invoke(new ActionContext { HttpContext = new DefaultHttpContext { Request = { Method = "GET" } } }) == true;

    private static bool TakesADay(string name) =>
        name.Equals("date", StringComparison.OrdinalIgnoreCase) || name.Equals("from", StringComparison.OrdinalIgnoreCase)
        || name.Equals("to", StringComparison.OrdinalIgnoreCase) || name.EndsWith("date", StringComparison.OrdinalIgnoreCase);
}
