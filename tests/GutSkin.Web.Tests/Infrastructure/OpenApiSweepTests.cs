using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The app for the sweep: the comment rate limit lifted (ArticlesFactory) so the sweep reaches the handlers,
/// and cheap password hashing, since every operation gets a member of its own.
/// </summary>
public sealed class OpenApiSweepFactory : ArticlesFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
    }
}

/// <summary>
/// Every operation of the app's own OpenAPI document gets malformed bodies, wrong types, huge strings, missing,
/// unknown and null fields, route and query values that do not parse and the wrong content types: anonymously,
/// as a member, and as an admin where a member is refused. No answer is a 5xx; every 4xx is a problem document,
/// listed in the document for that operation; a 400 for one bad field names it.
/// </summary>
public sealed class OpenApiSweepTests(OpenApiSweepFactory factory) : IClassFixture<OpenApiSweepFactory>
{
    /// <summary>The operations the document lists today: lower it only when an operation is removed on purpose.</summary>
    private const int MinimumOperations = 38;

    /// <summary>The operations, read from the document of an app started for discovery, so each is a test case of its own.</summary>
    public static TheoryData<string> Operations()
    {
        using var app = new GutSkinFactory();
        var json = app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)).GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(json);
        return new TheoryData<string>(new OpenApiSweep(document.RootElement).Operations().Select(o => o.Name));
    }

    [Fact]
    public async Task Document_ListsAtLeastTheKnownOperations()
    {
        var sweep = await SweepAsync();

        var operations = sweep.Operations().ToList();

        Assert.True(operations.Count >= MinimumOperations, $"The OpenAPI document lists {operations.Count} operations; the sweep expects at least {MinimumOperations}.");
        Assert.Equal(operations.Count, operations.Select(o => o.Name).Distinct().Count());
        Assert.All(operations, o => Assert.NotEmpty(sweep.CasesFor(o)));
    }

    [Fact]
    public async Task EveryDayParameter_IsDocumentedAsADate_SoTheSweepSendsItDaysOutsideTheJournal()
    {
        var sweep = await SweepAsync();

        var days = sweep.Operations()
            .SelectMany(o => o.Node.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(p => (Operation: o.Name, Parameter: p)) : [])
            .Where(x => x.Parameter.GetProperty("name").GetString() is "date" or "from" or "to")
            .ToList();

        Assert.True(days.Count >= 8, $"Only {days.Count} day parameters in the document.");
        Assert.All(days, x => Assert.True(
            x.Parameter.GetProperty("schema").TryGetProperty("format", out var format) && format.GetString() == "date",
            $"{x.Operation}: {x.Parameter.GetProperty("name").GetString()} is not documented as a date."));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task BadInput_IsNeverAServerError_AndEvery4xxIsADocumentedProblem(string operation)
    {
        var sweep = await SweepAsync();
        var op = sweep.Operations().SingleOrDefault(o => o.Name == operation);
        Assert.True(op is not null, $"{operation} is no longer in the OpenAPI document.");
        var cases = sweep.CasesFor(op);

        var outcomes = new List<Outcome>();
        outcomes.AddRange(await SendAllAsync("anonymous", Client(), cases));
        var member = await SendAllAsync("member", await SignedInAsync(role: null), cases);
        outcomes.AddRange(member);
        if (member.Any(o => o.Status == 403))
        {
            // Refused to members: the handler is reached by staff only.
            outcomes.AddRange(await SendAllAsync("admin", await SignedInAsync(Roles.Admin), cases));
        }

        var failures = outcomes.Select(o => Judge(o, op)).OfType<string>().Distinct().ToList();
        Assert.True(failures.Count == 0, $"{operation}: {failures.Count} bad answer(s) of {outcomes.Count}:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(outcomes.Any(o => o.Status is >= 400 and < 500), $"{operation}: no request of the sweep was refused, so the sweep tested nothing.");
    }

    private sealed record Outcome(string Who, SweepCase Case, int Status, string? MediaType, string Body, string? Location = null);

    private static async Task<List<Outcome>> SendAllAsync(string who, HttpClient client, List<SweepCase> cases)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(c.Url, UriKind.Relative)) { Content = c.Content() };
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            outcomes.Add(new Outcome(who, c, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.Location?.OriginalString));
        });
        return [.. outcomes];
    }

    /// <summary>What is wrong with one answer, or null when it is fine.</summary>
    private static string? Judge(Outcome o, ApiOperation operation)
    {
        var c = o.Case;
        var url = c.Url.Length > 120 ? c.Url[..120] + "…" : c.Url;
        var said = $"[{o.Who}] {c.Label} ({c.Method} {url}) answered {o.Status} {o.MediaType}: {(o.Body.Length > 300 ? o.Body[..300] + "…" : o.Body)}";
        if (o.Status >= 500)
        {
            return said;
        }

        if (o.Status < 400)
        {
            // Sent to log in first (a page-style endpoint, anonymously): refused before anything was read.
            var toLogIn = o.Status == 302 && o.Location?.Contains("/account/login", StringComparison.Ordinal) == true;
            return c.MustRefuse && !toLogIn ? $"{said} — accepted what cannot be read" : null;
        }

        if (o.MediaType != "application/problem+json")
        {
            return $"{said} — not a problem document";
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(o.Body).RootElement;
        }
        catch (JsonException)
        {
            return $"{said} — the problem document is not JSON";
        }

        if (problem.ValueKind != JsonValueKind.Object
            || !problem.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != o.Status
            || !problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
        {
            return $"{said} — the problem has no matching status or no title";
        }

        if (o.Status == 400)
        {
            var errors = problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().Select(p => p.Name).ToList() : [];
            if (c.Field is { } field && !errors.Any(name => Names(name, field)))
            {
                return $"{said} — the errors do not name '{field}'";
            }
        }

        if (!Undocumented.Contains(o.Status) && !Documents(operation, o.Status))
        {
            return $"{said} — the OpenAPI document lists no {o.Status} problem response for this operation";
        }

        return null;
    }

    /// <summary>
    /// 4xx answers that need not be listed per operation (they must still be problem documents): 405 answers an
    /// address that a path value (a "..") turned into another route's; 412 and 428 come with conditional headers
    /// the sweep never sends; 429 may come from a limiter shared by many endpoints.
    /// </summary>
    private static readonly HashSet<int> Undocumented = [405, 412, 428, 429];

    /// <summary>
    /// An error key names a field when it is the field, a path inside it (<c>values.sweep</c> for <c>values</c>),
    /// or the list or map that holds it (<c>secondaryOutcomes</c> for <c>secondaryOutcomes[0]</c>).
    /// </summary>
    private static bool Names(string errorKey, string field) =>
        string.Equals(errorKey, field, StringComparison.OrdinalIgnoreCase)
        || errorKey.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
        || errorKey.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
        || (errorKey != "$" && (field.StartsWith(errorKey + ".", StringComparison.OrdinalIgnoreCase) || field.StartsWith(errorKey + "[", StringComparison.OrdinalIgnoreCase)));

    private static bool Documents(ApiOperation operation, int status) =>
        operation.Node.TryGetProperty("responses", out var responses)
        && (responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) || responses.TryGetProperty("4XX", out response))
        && response.TryGetProperty("content", out var content)
        && content.TryGetProperty("application/problem+json", out _);

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A new account (a member, or staff in <paramref name="role"/>), signed in with a bearer token.</summary>
    private async Task<HttpClient> SignedInAsync(string? role)
    {
        var email = $"sweep-{Guid.NewGuid():N}@example.test";
        var client = Client();
        await factory.RegisterAsync(email);
        if (role is not null)
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, role)).Succeeded);
        }

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestSupport.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<OpenApiSweep> SweepAsync() => factory.SharedAsync("openapi", async () =>
    {
        var json = await Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        return new OpenApiSweep(JsonDocument.Parse(json).RootElement.Clone());
    });
}
