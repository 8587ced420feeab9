using System.Net;
using System.Net.Http.Json;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The built app started as the published one is (Production environment, settings from the environment): without
/// its public address it refuses to start, and with it, a request for another host is turned away before anything runs.
/// </summary>
public sealed class SiteAddressTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task InProduction_WithoutSiteBaseUrl_TheAppExitsNonZero_SayingWhatToSet()
    {
        using var database = new GutSkinFactory();

        var (code, output) = await AppProcess.RunUntilExitAsync(Settings(database), Patience);

        Assert.NotEqual(0, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.Contains("Site__BaseUrl", StringComparison.Ordinal));
        Assert.Contains("set Site__BaseUrl", line, StringComparison.Ordinal);
        Assert.Contains("https://", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gutskin.example")]
    [InlineData("https://gutskin.example/app")]
    [InlineData("ftp://gutskin.example")]
    public async Task InProduction_WithASiteBaseUrlThatIsNoOrigin_TheAppExitsNonZero_SayingWhy(string baseUrl)
    {
        using var database = new GutSkinFactory();
        var settings = Settings(database);
        settings["Site__BaseUrl"] = baseUrl;

        var (code, output) = await AppProcess.RunUntilExitAsync(settings, Patience);

        Assert.NotEqual(0, code);
        Assert.Contains($"Site__BaseUrl must be the site's public origin", output, StringComparison.Ordinal);
        Assert.Contains(baseUrl, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProduction_ARequestForAnotherHost_Is400_AndItsOwnHostIsServed()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        using var database = new GutSkinFactory();
        await using var app = await AppProcess.StartAsync(Settings(database), ct);
        using var client = app.CreateClient();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgotPassword") { Content = JsonContent.Create(new { email = "someone@example.test" }) };
        forged.Headers.Host = "evil.example";
        var refused = await client.SendAsync(forged, ct);
        var served = await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email = "someone@example.test" }, ct);

        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode}\n{app.Output}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        // Kestrel does not name itself either (issue 11, finding 15).
        Assert.False(served.Headers.Contains("Server"), string.Join(", ", served.Headers.Select(h => h.Key)));
        Assert.False(refused.Headers.Contains("Server"));
    }

    /// <summary>The database and folders of a factory that is never started, without Site__BaseUrl.</summary>
    private static Dictionary<string, string> Settings(GutSkinFactory database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString(),
        ["ConnectionStrings__GutSkin"] = database.ConnectionString,
        ["Email__PickupDirectory"] = database.MailFolder,
        ["Reminders__RunInBackground"] = "false",
        ["Comments__BackgroundJobs"] = "false",
    };
}
