using GutSkin.Browser.Tests.Pages;
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
/// The app and the headless Debian Chromium every test class shares (see <see cref="TestRun"/>); each test opens its
/// own browser context, so cookies and storage never leak from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<SignedIn>> _members = new(StringComparer.Ordinal);
    private GutSkinFactory? _server;
    private IBrowser? _browser;

    public string Origin => Server.ServerOrigin;

    public string MailFolder => Server.MailFolder;

    /// <summary>The app's services, for looking at what a page stored.</summary>
    public IServiceProvider Services => Server.Services;

    private GutSkinFactory Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        _server = TestRun.Server;
        _browser = await TestRun.BrowserAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A new incognito context; with <paramref name="signedIn"/> (from <see cref="MemberAsync"/>) it starts signed in as that member.</summary>
    public Task<IBrowserContext> NewContextAsync(Screen screen = Screen.Phone, ColorScheme colorScheme = ColorScheme.Light, SignedIn? signedIn = null) =>
        Chromium.NewContextAsync(Browser, Origin, screen, colorScheme, signedIn?.StorageState);

    /// <summary>
    /// A member registered through the pages once per test class and made ready by <paramref name="setUp"/> (signed in on
    /// Today when it runs), for tests that only look: each opens its own context with the member's cookies. Tests that
    /// change the member's plan, items or account register their own.
    /// </summary>
    public Task<SignedIn> MemberAsync(string name, Func<IPage, Task> setUp)
    {
        lock (_members)
        {
            if (!_members.TryGetValue(name, out var member))
            {
                member = RegisterAsync(setUp);
                _members[name] = member;
            }

            return member;
        }
    }

    private async Task<SignedIn> RegisterAsync(Func<IPage, Task> setUp)
    {
        await using var context = await NewContextAsync(Screen.Desktop);
        var page = await context.NewPageAsync();
        var email = await new RegisterPage(page, MailFolder).RegisterAsync();
        await setUp(page);
        return new SignedIn(email, await context.StorageStateAsync());
    }

    /// <summary>Chromium itself, for a context with options of its own (no JavaScript, say).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>
    /// A second Chromium with an ordinary profile in <paramref name="profileFolder"/>: the fixture's contexts are
    /// incognito, and Chromium never installs a web app from an incognito window.
    /// </summary>
    public async Task<IBrowserContext> NewProfileContextAsync(string profileFolder, Screen screen = Screen.Phone) =>
        await Chromium.LaunchWithProfileAsync(await TestRun.PlaywrightAsync(), profileFolder, Origin, screen);

    /// <summary>Makes an admin with the app's own <c>admin add</c> command and returns the e-mail address.</summary>
    public async Task<string> AddAdminAsync(string password)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";
        var code = await GutSkin.Web.Infrastructure.Commands.RunAsync(Server.Services, ["admin", "add", email, "--password-stdin"], new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        return email;
    }
}

/// <summary>A member's e-mail address and the cookies that sign a new browser context in as them.</summary>
public sealed record SignedIn(string Email, string StorageState);

/// <summary>
/// What the whole test run shares: one app (started by the first class that needs it) and one Playwright with one
/// Chromium. Starting them per class cost seconds each; the tests keep apart by making their own members, articles
/// and comments. Both stop when the test process exits.
/// </summary>
public static class TestRun
{
    private static readonly Lazy<GutSkinFactory> SharedServer = new(() => GutSkinFactory.Create(GutSkinFactoryOptions.Browser));
    private static readonly Lazy<Task<IPlaywright>> SharedPlaywright = new(Playwright.CreateAsync);
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(async () => await Chromium.LaunchAsync(await PlaywrightAsync()));

    static TestRun()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        // The service worker's own requests are seen and routed by the context (Chromium; read when the driver starts):
        // the kept-pages test makes the server slow for the worker's fetch. No other test routes requests.
        Environment.SetEnvironmentVariable("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public static GutSkinFactory Server => SharedServer.Value;

    public static Task<IPlaywright> PlaywrightAsync() => SharedPlaywright.Value;

    public static Task<IBrowser> BrowserAsync() => SharedBrowser.Value;

    private static void Stop()
    {
        // The app's folder first: the browser may already be gone with the Playwright driver.
        if (SharedServer.IsValueCreated)
        {
            SharedServer.Value.Dispose();
        }

        try
        {
            if (SharedBrowser.IsValueCreated && SharedBrowser.Value.IsCompletedSuccessfully)
            {
                SharedBrowser.Value.Result.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            }

            if (SharedPlaywright.IsValueCreated && SharedPlaywright.Value.IsCompletedSuccessfully)
            {
                SharedPlaywright.Value.Result.Dispose();
            }
        }
        catch (AggregateException)
        {
            // The driver closed first; Chromium ends with it.
        }
        catch (PlaywrightException)
        {
            // Likewise.
        }
    }
}

/// <summary>How every browser test starts Chromium and opens a context: one place for the flags and screens.</summary>
public static class Chromium
{
    /// <summary>
    /// The browser the tests share: Debian's chromium-headless-shell when it is installed (GUTSKIN_CHROMIUM_HEADLESS_SHELL,
    /// default /usr/bin/chromium-headless-shell), else Debian's Chromium. The shell is the same Blink without the browser
    /// around it; the full browser in headless mode spent more CPU on itself than on the pages (about twice the shell's
    /// in total here). Browser downloads are impossible here, so never `playwright install`.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Setting("GUTSKIN_CHROMIUM_HEADLESS_SHELL", "/usr/bin/chromium-headless-shell") is var shell && File.Exists(shell) ? shell : ExecutablePath,
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

    /// <summary>Debian's Chromium (GUTSKIN_CHROMIUM, default /usr/bin/chromium), the browser members install the app in.</summary>
    private static string ExecutablePath => Setting("GUTSKIN_CHROMIUM", "/usr/bin/chromium");

    private static string Setting(string variable, string otherwise) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : otherwise;

    private static readonly string[] Flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string origin, Screen screen, ColorScheme colorScheme, string? storageState = null)
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
            StorageState = storageState,
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
