using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Articles;

/// <summary>
/// The real app on Kestrel (loopback, free port, own SQLite file), with an admin account made by the app's
/// own <c>admin add</c> command and a generous comment rate limit; and one headless Debian Chromium.
/// </summary>
public sealed class ArticlesBrowserFixture : IAsyncLifetime, IDisposable
{
    public const string AdminPassword = "a long admin password";

    private ArticlesServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Origin => Server.Origin;

    public string AdminEmail { get; } = $"admin-{Guid.NewGuid():N}@example.test";

    public ArticlesServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _server = new ArticlesServer();
        var code = await Commands.RunAsync(_server.Services, ["admin", "add", AdminEmail, "--password-stdin"], new StringReader(AdminPassword + "\n"), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GUTSKIN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IBrowserContext> NewContextAsync(Screen screen = Screen.Desktop, ColorScheme colorScheme = ColorScheme.Light)
    {
        var browser = _browser ?? throw new InvalidOperationException("The fixture is not initialised.");
        var phone = screen == Screen.Phone;
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = Origin,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            ColorScheme = colorScheme,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Logs the admin in on this page.</summary>
    public async Task LogInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>xUnit calls this after <see cref="DisposeAsync"/>; disposing the app twice is harmless.</summary>
    public void Dispose() => _server?.Dispose();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Like <see cref="GutSkinServer"/>, with the comment settings these tests need.</summary>
public sealed class ArticlesServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutskin-browser-tests", Guid.NewGuid().ToString("N"));

    public ArticlesServer()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Origin = new Uri(addresses.First()).GetLeftPart(UriPartial.Authority);
    }

    public string Origin { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:GutSkin", $"Data Source={Path.Combine(_folder, "gutskin.db")}");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_folder, "mail"));
        builder.UseSetting("Comments:UploadDirectory", Path.Combine(_folder, "uploads"));
        builder.UseSetting("Comments:RateLimit", "10000");
        builder.UseSetting("Comments:BackgroundJobs", "false");
        builder.UseSetting("Accounts:RequireConfirmedEmail", "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may hold the file a moment longer; the OS cleans the temp folder.
            }
        }
    }
}
