using System.Diagnostics;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Articles;

/// <summary>
/// <see cref="GutSkinFactory"/> with a generous comment rate limit and no background jobs, and an admin account made by
/// the app's own <c>admin add</c> command, per test class: the comment tests read the moderation inbox and the
/// moderators' digest, which must hold their own comments only. Chromium is the run's shared one.
/// </summary>
public sealed class ArticlesBrowserFixture : IAsyncLifetime, IDisposable
{
    public const string AdminPassword = "a long admin password";

    private GutSkinFactory? _server;
    private IBrowser? _browser;

    public string Origin => Server.ServerOrigin;

    public string AdminEmail { get; } = $"admin-{Guid.NewGuid():N}@example.test";

    public GutSkinFactory Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        _server = GutSkinFactory.Create(GutSkinFactoryOptions.Browser with
        {
            Settings = new Dictionary<string, string>
            {
                ["Comments:RateLimit"] = "10000",
                ["Comments:BackgroundJobs"] = "false",
            },
        });
        var code = await Commands.RunAsync(_server.Services, ["admin", "add", AdminEmail, "--password-stdin"], new StringReader(AdminPassword + "\n"), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        _browser = await TestRun.BrowserAsync();
    }

    public Task<IBrowserContext> NewContextAsync(Screen screen = Screen.Desktop, ColorScheme colorScheme = ColorScheme.Light) =>
        Chromium.NewContextAsync(_browser ?? throw new InvalidOperationException("The fixture is not initialised."), Origin, screen, colorScheme);

    /// <summary>Logs the admin in on this page.</summary>
    public async Task LogInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until the comment form on a page loaded <paramref name="loaded"/> ago is as old as a person's (the app files
    /// a quicker comment as a bot's): the time the test already spent on the page counts, where a fixed sleep added to it.
    /// </summary>
    public static async Task WaitUntilAPersonCouldHaveWrittenItAsync(Stopwatch loaded)
    {
        var left = CommentRules.MinimumTimeToSubmit + TimeSpan.FromMilliseconds(250) - loaded.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    /// <summary>For a synchronous dispose (xUnit itself calls <see cref="DisposeAsync"/>); disposing the app twice is harmless.</summary>
    public void Dispose() => _server?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
