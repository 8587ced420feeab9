using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// A comment limit of one per address, and, for the 500, a request path that fails inside the app's pipeline the
/// way a bug would (after every endpoint, so the app's own error handling meets it).
/// </summary>
public sealed class ProblemAcceptFactory : ArticlesFactory
{
    public const string FailingPath = "/api/test-failure";

    protected override int RateLimit => 1;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FailingPathFilter()));
    }

    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, nextMiddleware) => http.Request.Path.StartsWithSegments(FailingPath)
                ? throw new InvalidOperationException("A bug in the app.")
                : nextMiddleware(http));
        };
    }
}

/// <summary>
/// Finding 14 of issue 11: a rate-limited comment sent with <c>Accept: application/xml</c> was a 500 ("Unable to find
/// a registered IProblemDetailsWriter"). Every rejection and error under /api is a problem document, whatever the
/// client says it accepts.
/// </summary>
public sealed class ProblemAcceptTests(ProblemAcceptFactory factory) : IClassFixture<ProblemAcceptFactory>
{
    private static int _commenters;

    public static TheoryData<int, string> Cases()
    {
        var cases = new TheoryData<int, string>();
        foreach (var status in new[] { 400, 401, 403, 404, 405, 413, 415, 429, 500 })
        {
            foreach (var accept in new[] { "application/xml", "text/html", "text/html,application/xhtml+xml;q=0.9", "image/png" })
            {
                cases.Add(status, accept);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryRejectionUnderApi_IsAProblemDocument_WhateverTheClientAccepts(int status, string accept)
    {
        var member = await factory.SharedMemberAsync();
        var request = await RequestForAsync(status);
        request.Headers.Accept.Clear();
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var client = status is 401 or 429 ? factory.CreateClient() : member.Client;

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, (HttpStatusCode)status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), problem.ToString());
    }

    /// <summary>A request the app answers with <paramref name="status"/>.</summary>
    private async Task<HttpRequestMessage> RequestForAsync(int status)
    {
        switch (status)
        {
            case 400:
                return new HttpRequestMessage(HttpMethod.Put, "/api/journal/2026-06-14") { Content = Json("{\"values\": ") };
            case 401:
                return new HttpRequestMessage(HttpMethod.Get, "/api/journal/2026-06-14");
            case 403:
                return new HttpRequestMessage(HttpMethod.Get, "/api/moderation/comments");
            case 404:
                return new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
            case 405:
                return new HttpRequestMessage(HttpMethod.Patch, "/api/insights");
            case 413:
                var body = new StringBuilder("date,item,value\n");
                while (body.Length <= 5 * 1024 * 1024 + 1)
                {
                    body.Append("2026-06-01,redness,3\n");
                }

                return new HttpRequestMessage(HttpMethod.Post, "/api/journal/import") { Content = Csv(body.ToString()) };
            case 415:
                return new HttpRequestMessage(HttpMethod.Put, "/api/journal/2026-06-14") { Content = new StringContent("redness=3", Encoding.UTF8, "text/plain") };
            case 429:
                // One comment per address is allowed: the first goes through, the second (sent by the test) is refused.
                var ip = $"203.0.113.{Interlocked.Increment(ref _commenters)}";
                var slug = factory.Article();
                var comment = new { name = "Reader", email = "reader@example.test", body = $"A comment {Guid.NewGuid():N}" };
                using (var first = await factory.CreateClient().PostCommentAsync(slug, comment, ip))
                {
                    Assert.True(first.IsSuccessStatusCode, $"The first comment was refused: {(int)first.StatusCode}");
                }

                var refused = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{slug}/comments") { Content = JsonContent.Create(comment) };
                refused.Headers.Add(ArticlesFactory.IpHeader, ip);
                return refused;
            case 500:
                return new HttpRequestMessage(HttpMethod.Get, ProblemAcceptFactory.FailingPath);
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
    }
}

/// <summary>The 503 of an unreachable database, asked for with the same Accept headers.</summary>
public sealed class ProblemAcceptOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task WhileTheDatabaseIsAway_ApiAnswersAre503ProblemDocuments_WhateverTheClientAccepts()
    {
        var member = await factory.MemberAsync("UTC");
        factory.TakeDatabaseAway();
        try
        {
            foreach (var accept in new[] { "application/xml", "text/html" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/journal/2026-06-14");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

                await AssertProblemAsync(await member.Client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.ServiceUnavailable);
            }
        }
        finally
        {
            factory.GiveDatabaseBack();
        }
    }
}
