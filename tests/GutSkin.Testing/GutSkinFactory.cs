using System.Net.Http.Headers;
using System.Net.Http.Json;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GutSkin.Testing;

/// <summary>What a suite asks of its <see cref="GutSkinFactory"/> beyond the defaults (in-memory server, fake clock, a database of its own).</summary>
public sealed record GutSkinFactoryOptions
{
    /// <summary>Kestrel on a free 127.0.0.1 port instead of the in-memory test server: a browser can reach it.</summary>
    public bool Kestrel { get; init; }

    /// <summary>The machine's clock instead of the fake one: a browser's cookies and the member's today live by the wall clock.</summary>
    public bool RealClock { get; init; }

    /// <summary>A database other hosts use too (several instances); none: a fresh one of this host's own.</summary>
    public TestDatabase? Database { get; init; }

    /// <summary>The comment and reminder loops; off, a test decides when each job runs.</summary>
    public bool BackgroundJobs { get; init; } = true;

    /// <summary>Warnings and errors only.</summary>
    public bool QuietLogs { get; init; }

    /// <summary>
    /// One PBKDF2 round instead of the app's 100,000 per sign-up and log-in: the default, since most suites are not about
    /// hashing and the real cost was a quarter of the web suite's CPU time. A suite about the hash turns it off.
    /// </summary>
    public bool FastPasswordHashing { get; init; } = true;

    /// <summary>Configuration on top of the host's (a small rate limit, an SMTP server, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>A logger besides the app's own (a <see cref="LogWatch"/>, say).</summary>
    public ILoggerProvider? Logs { get; init; }

    /// <summary>The browser suite's app: served by Kestrel on the real clock, quiet.</summary>
    public static GutSkinFactoryOptions Browser { get; } = new() { Kestrel = true, RealClock = true, QuietLogs = true };

    /// <summary>One of several instances on <paramref name="database"/>, as a second process would be; its loops are off.</summary>
    public static GutSkinFactoryOptions Instance(TestDatabase database) => new() { Database = database, BackgroundJobs = false, QuietLogs = true };
}

/// <summary>
/// The real app for every suite: its own service provider, mail pickup folder, upload folder and (unless the options
/// say otherwise) fake clock and database, on the provider the run tests (see <see cref="TestDatabase"/>). Every test
/// registers and logs in from the same client address, so the account rate limits are lifted unless a test sets its own.
/// </summary>
public class GutSkinFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] LimitedActions = ["LogIn", "Registration", "PasswordReset", "PasswordCheck"];

    private readonly string _folder = TestDatabase.NewFolder();
    private readonly GutSkinFactoryOptions _options;
    private readonly FakeTimeProvider? _time;
    private readonly bool _ownsDatabase;
    private string? _origin;

    /// <summary>The defaults: xUnit makes a class fixture through its one public constructor, which takes nothing.</summary>
    public GutSkinFactory()
        : this(new GutSkinFactoryOptions())
    {
    }

    protected GutSkinFactory(GutSkinFactoryOptions options)
    {
        _options = options;
        Directory.CreateDirectory(_folder);
        _ownsDatabase = options.Database is null;
        Database = options.Database ?? TestDatabase.Create(TestDatabase.RunProvider, _folder);
        _time = options.RealClock ? null : new FakeTimeProvider(Start);
        if (options.Kestrel)
        {
            UseKestrel(0);
        }
    }

    public TestDatabase Database { get; }

    /// <summary>A host with <paramref name="options"/> (a browser's, an instance's, ...).</summary>
    public static GutSkinFactory Create(GutSkinFactoryOptions options) => new(options);

    /// <summary>The app's clock, at <see cref="Start"/> until a test moves it.</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This host keeps the machine's clock.");

    public DatabaseProvider Provider => Database.Provider;

    public string ConnectionString => Database.ConnectionString;

    /// <summary>The key file that encrypts this app's key ring: another instance on the same database needs it too.</summary>
    public string KeyFile => Database.KeyFile;

    /// <summary>Where the app writes its mail (no SMTP server): the tests follow the links in it.</summary>
    public virtual string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Scheme, host and port Kestrel answers on, e.g. <c>http://127.0.0.1:41234</c> (starts the app).</summary>
    public string ServerOrigin => _origin ??= FindOrigin();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:GutSkin", ConnectionString);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Comments:UploadDirectory", Path.Combine(_folder, "uploads"));
        if (Provider == DatabaseProvider.Postgres)
        {
            // On SQLite the app puts the key file beside the database, where KeyFile says; on PostgreSQL it would be data/ under the working folder.
            builder.UseSetting("DataProtection:KeyFile", KeyFile);
        }

        foreach (var action in LimitedActions)
        {
            builder.UseSetting($"Accounts:RateLimits:{action}:PerIp", "100000");
            builder.UseSetting($"Accounts:RateLimits:{action}:PerAccount", "100000");
        }

        if (!_options.BackgroundJobs)
        {
            builder.UseSetting("Comments:BackgroundJobs", "false");
            builder.UseSetting("Reminders:RunInBackground", "false");
        }

        if (_options.QuietLogs)
        {
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_options.Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        builder.ConfigureServices(services =>
        {
            if (_time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_time);
            }

            if (_options.FastPasswordHashing)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
            }
        });
    }

    /// <summary>Registers a member through the API (following the confirmation link) and returns a client carrying their bearer token.</summary>
    public async Task<HttpClient> CreateMemberAsync(string? email = null, string password = "correct horse battery")
    {
        email ??= $"member-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(email, password);
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The path and query of the newest confirmation link mailed to <paramref name="email"/> (the pickup folder unless a test sends mail elsewhere).</summary>
    protected virtual string ConfirmationLink(string email) => Mailbox.Link(MailFolder, email, "/api/auth/confirmEmail");

    /// <summary>Registers through the API and follows the confirmation link in the mail, as the new member would: the account can log in.</summary>
    public async Task RegisterAsync(string email, string password = "correct horse battery")
    {
        using var client = CreateClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        var confirmed = await client.GetAsync(ConfirmationLink(email));
        Assert.True(confirmed.IsSuccessStatusCode, $"Confirming {email} answered {(int)confirmed.StatusCode}");
    }

    public T WithDb<T>(Func<GutSkinDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<GutSkinDb>());
    }

    /// <summary>How many values the database holds for a member (on one day when given), counted in the stored rows.</summary>
    public int StoredValues(string userId, DateOnly? date = null) =>
        WithDb(db => db.JournalDays.Where(d => d.UserId == userId && (date == null || d.Date == date)).Select(d => d.PackedValues).AsEnumerable()
            .Sum(packed => GutSkin.Web.Features.Journal.ValuePacking.Count(packed)));

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
                // A SQLite file can still be held for a moment; the temp folder is cleaned by the OS.
            }

            if (_ownsDatabase)
            {
                Database.Dispose();
            }
        }
    }

    private string FindOrigin()
    {
        if (!_options.Kestrel)
        {
            throw new InvalidOperationException("Only a host on Kestrel has an origin a browser can reach.");
        }

        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).GetLeftPart(UriPartial.Authority);
    }

    private sealed record TokenResponse(string AccessToken);
}
