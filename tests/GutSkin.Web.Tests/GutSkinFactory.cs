using System.Net.Http.Headers;
using System.Net.Http.Json;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GutSkin.Web.Tests;

/// <summary>
/// The real app on its own database: a fresh SQLite file per factory, or, when the suite runs with
/// GUTSKIN_TEST_PROVIDER=Postgres, a fresh database in the cluster named by GUTSKIN_TEST_POSTGRES
/// (test.sh starts one). The clock is fake and starts at a fixed instant.
/// </summary>
public class GutSkinFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutskin-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(Start);

    public DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("GUTSKIN_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public virtual string MailFolder => Path.Combine(_folder, "mail");

    public string ConnectionString { get; }

    /// <summary>The key file that encrypts this app's key ring (beside the SQLite file, or in this factory's folder): another instance on the same database needs it too.</summary>
    public string KeyFile => Path.Combine(_folder, "keyring.key");

    public GutSkinFactory()
    {
        Directory.CreateDirectory(_folder);
        if (Provider == DatabaseProvider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("GUTSKIN_TEST_POSTGRES")
                ?? throw new InvalidOperationException("GUTSKIN_TEST_PROVIDER=Postgres needs GUTSKIN_TEST_POSTGRES (test.sh sets it).");
            ConnectionString = $"{server};Database=gutskin_{Guid.NewGuid():N}";
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(_folder, "gutskin.db")}";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:GutSkin", ConnectionString);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        if (Provider == DatabaseProvider.Postgres)
        {
            // On SQLite the key file lies beside the database, in this factory's folder; on PostgreSQL it would be data/ under the test's folder.
            builder.UseSetting("DataProtection:KeyFile", KeyFile);
        }

        // Every test registers and logs in from the same (absent) client address: limits only where a test asks for them.
        foreach (var action in new[] { "LogIn", "Registration", "PasswordReset", "PasswordCheck" })
        {
            builder.UseSetting($"Accounts:RateLimits:{action}:PerIp", "100000");
            builder.UseSetting($"Accounts:RateLimits:{action}:PerAccount", "100000");
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
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
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
