using Microsoft.Playwright;

namespace GutSkin.Browser.Tests;

/// <summary>Screens the tests look at the app through.</summary>
public enum Screen
{
    /// <summary>390×844, touch, like a mid-size phone.</summary>
    Phone,

    /// <summary>1280×800, mouse.</summary>
    Desktop,

    /// <summary>1366×768, mouse: the most common laptop screen.</summary>
    Laptop,

    /// <summary>820×1180, touch: a tablet held upright.</summary>
    Tablet,
}

/// <summary>
/// One app and one headless Debian Chromium shared by the tests of a class; each test opens its own
/// browser context, so cookies and storage never leak from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    private GutSkinServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Origin => Server.Origin;

    public string MailFolder => Server.MailFolder;

    /// <summary>The app's services, for looking at what a page stored.</summary>
    public IServiceProvider Services => Server.Services;

    private GutSkinServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        _server = new GutSkinServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public Task<IBrowserContext> NewContextAsync(Screen screen = Screen.Phone, ColorScheme colorScheme = ColorScheme.Light) =>
        Chromium.NewContextAsync(_browser ?? throw new InvalidOperationException("The fixture is not initialised."), Origin, screen, colorScheme);

    /// <summary>Chromium itself, for a context with options of its own (no JavaScript, say).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>
    /// A second Chromium with an ordinary profile in <paramref name="profileFolder"/>: the fixture's contexts are
    /// incognito, and Chromium never installs a web app from an incognito window.
    /// </summary>
    public Task<IBrowserContext> NewProfileContextAsync(string profileFolder, Screen screen = Screen.Phone) =>
        Chromium.LaunchWithProfileAsync(_playwright ?? throw new InvalidOperationException("The fixture is not initialised."), profileFolder, Origin, screen);

    /// <summary>Makes an admin with the app's own <c>admin add</c> command and returns the e-mail address.</summary>
    public async Task<string> AddAdminAsync(string password)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";
        var code = await GutSkin.Web.Infrastructure.Commands.RunAsync(Server.Services, ["admin", "add", email, "--password-stdin"], new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        return email;
    }

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

    /// <summary>xUnit calls this after <see cref="DisposeAsync"/>; disposing the app twice is harmless.</summary>
    public void Dispose() => _server?.Dispose();
}

/// <summary>How every browser test starts Chromium and opens a context: one place for the flags and screens.</summary>
public static class Chromium
{
    /// <summary>Debian's Chromium (GUTSKIN_CHROMIUM, default /usr/bin/chromium): browser downloads are impossible here, so never `playwright install`.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });

    /// <summary>Chromium with a profile on disk (not incognito), as one context.</summary>
    public static async Task<IBrowserContext> LaunchWithProfileAsync(IPlaywright playwright, string profileFolder, string origin, Screen screen)
    {
        var touch = screen is Screen.Phone or Screen.Tablet;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profileFolder, new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            BaseURL = origin,
            ViewportSize = Viewport(screen),
            IsMobile = touch,
            HasTouch = touch,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private static string ExecutablePath => Environment.GetEnvironmentVariable("GUTSKIN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string origin, Screen screen, ColorScheme colorScheme)
    {
        var touch = screen is Screen.Phone or Screen.Tablet;
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = origin,
            ViewportSize = Viewport(screen),
            IsMobile = touch,
            HasTouch = touch,
            ColorScheme = colorScheme,
            Locale = "en-GB",
            TimezoneId = "UTC",
            AcceptDownloads = true,
        });
        // Generous waits: a busy two-core machine can take seconds to answer; no test measures time.
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public static ViewportSize Viewport(Screen screen) => screen switch
    {
        Screen.Phone => new() { Width = 390, Height = 844 },
        Screen.Desktop => new() { Width = 1280, Height = 800 },
        Screen.Laptop => new() { Width = 1366, Height = 768 },
        Screen.Tablet => new() { Width = 820, Height = 1180 },
    };
}
