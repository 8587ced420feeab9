using System.Net;

namespace GutSkin.Web.Tests.Infrastructure;

public sealed class ErrorPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task UnknownPage_IsA404WithTheFriendlyPage()
    {
        var response = await factory.CreateClient().GetAsync("/no/such/page", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_IsA404ProblemDocument()
    {
        var response = await factory.CreateClient().GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FormPostWithoutAntiforgeryToken_IsA400Page_NotAnEmptyAnswer()
    {
        var response = await factory.CreateClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@b.c" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be handled", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
