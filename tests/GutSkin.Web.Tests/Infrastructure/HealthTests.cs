using System.Net;

namespace GutSkin.Web.Tests.Infrastructure;

public sealed class HealthTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerHealthy_WithoutSigningIn(string path)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
