using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Browser.Tests;

/// <summary>
/// The real app served by Kestrel on a free loopback port, on a fresh SQLite file of its own.
/// Unlike the integration suite's factory it keeps the real clock: the browser's cookies and the
/// member's "today" must agree with the wall clock the browser lives by.
/// </summary>
public sealed class GutSkinServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutskin-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration on top of the defaults (for example a looser comment rate limit).</param>
    public GutSkinServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Origin = new Uri(addresses.First()).GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Scheme, host and port the app answers on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; }

    /// <summary>Where the app writes its mail (no SMTP server): the tests follow the links in it.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:GutSkin", $"Data Source={Path.Combine(_folder, "gutskin.db")}");
        builder.UseSetting("Comments:UploadDirectory", Path.Combine(_folder, "uploads"));
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        // Every browser test registers from 127.0.0.1.
        foreach (var action in new[] { "LogIn", "Registration", "PasswordReset", "PasswordCheck" })
        {
            builder.UseSetting($"Accounts:RateLimits:{action}:PerIp", "100000");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Identity's hashing is not what these tests are about: one PBKDF2 round instead of 100,000 per sign-up and log-in.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
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
