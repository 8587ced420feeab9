using System.Net.Http.Json;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GutSkin.Instances.Tests;

/// <summary>A PostgreSQL database for one test class, named but not created: the first instance to start creates it.</summary>
public static class TestDatabase
{
    public static string Server =>
        Environment.GetEnvironmentVariable("GUTSKIN_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("These tests run several instances on one PostgreSQL database: set GUTSKIN_TEST_POSTGRES (test.sh starts a cluster and sets it).");

    public static string NewConnectionString() => $"{Server};Database=gutskin_instances_{Guid.NewGuid():N}";

    /// <summary>
    /// The key file of every instance and command on one database: instances that share a database share the
    /// secret that encrypts its data-protection keys (docs/deploy.md), as an operator gives them the same file.
    /// </summary>
    public static string KeyFile(string connectionString) =>
        Path.Combine(Path.GetTempPath(), "gutskin-instances", "keys", new NpgsqlConnectionStringBuilder(connectionString).Database + ".key");

    /// <summary>A context on the database without any app around it, for looking at what the instances left there.</summary>
    public static PostgresGutSkinDb Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresGutSkinDb>();
        DatabaseSetup.ConfigurePostgres(options, connectionString);
        return new PostgresGutSkinDb(options.Options);
    }
}

/// <summary>
/// One instance of the real app on a shared PostgreSQL database: its own service provider, connection pool,
/// fake clock and mail pickup folder, as a second process would have. The background loops are off so a
/// test decides when each instance runs a job; extra settings (an SMTP server, say) come from the caller.
/// </summary>
public sealed class InstanceHost(string connectionString, IReadOnlyDictionary<string, string>? settings = null, ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutskin-instances", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(Start);

    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Builds and starts the instance: migrations, seeding and the key ring included.</summary>
    public void Boot() => _ = Services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:GutSkin", connectionString);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Comments:UploadDirectory", Path.Combine(_folder, "uploads"));
        builder.UseSetting("Comments:BackgroundJobs", "false");
        builder.UseSetting("Reminders:RunInBackground", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("DataProtection:KeyFile", TestDatabase.KeyFile(connectionString));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// <summary>Registers through the API and follows the confirmation link in the mail, as the new member would: the account can log in.</summary>
    public async Task RegisterAsync(string email, string password)
    {
        using var client = CreateClient();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        (await client.GetAsync(GutSkin.Web.Tests.Mailbox.Link(MailFolder, email, "/api/auth/confirmEmail"))).EnsureSuccessStatusCode();
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
            catch (DirectoryNotFoundException)
            {
                // Nothing was written.
            }
        }
    }
}

/// <summary>
/// One browser's cookies across several instances: a handler per instance's test server, all reading and
/// writing the same jar, as a browser behind a load balancer that sends each request to another instance.
/// </summary>
public sealed class SharedCookies
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public DelegatingHandler Handler() => new Jar(this);

    private sealed class Jar(SharedCookies shared) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (shared._cookies)
            {
                if (shared._cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", shared._cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (shared._cookies)
                {
                    foreach (var setCookie in setCookies)
                    {
                        var pair = setCookie.Split(';', 2)[0];
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                        if (value.Length == 0)
                        {
                            shared._cookies.Remove(name);
                        }
                        else
                        {
                            shared._cookies[name] = value;
                        }
                    }
                }
            }

            return response;
        }
    }
}
