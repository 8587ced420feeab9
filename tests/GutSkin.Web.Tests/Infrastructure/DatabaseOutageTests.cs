using System.Net;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The app with a database that the test can take away and give back, the way it happens in production.
/// PostgreSQL: the app talks to it through a <see cref="TcpForwarder"/>; cutting it resets every open
/// connection and refuses new ones (a network failure, a restart or a fail-over). SQLite: the folder that
/// holds the database goes away (a volume unmounted, a folder moved by hand) and comes back. In WAL mode a
/// lock held by another process cannot shut readers out while the app has the file open, so a lost folder
/// is what "SQLite unreachable" looks like; a write lock is <see cref="SqliteWriteLockTests"/>.
/// </summary>
public sealed class OutageFactory : GutSkinFactory
{
    private readonly TcpForwarder? _forwarder;
    private readonly string? _sqliteFolder;

    public OutageFactory()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var real = new NpgsqlConnectionStringBuilder(ConnectionString);
            _forwarder = new TcpForwarder(real.Port);
            AppConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = _forwarder.Port }.ConnectionString;
        }
        else
        {
            // A folder of its own beside the factory's, so it can be moved away whole (with the -wal and -shm files).
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            _sqliteFolder = Path.Combine(Path.GetDirectoryName(file)!, "data");
            AppConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_sqliteFolder, "gutskin.db") }.ConnectionString;
        }
    }

    public string AppConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:GutSkin", AppConnectionString);
        builder.UseSetting("Reminders:RunInBackground", "false");
        builder.UseSetting("Comments:BackgroundJobs", "false");
    }

    public void TakeDatabaseAway()
    {
        if (_forwarder is not null)
        {
            _forwarder.Cut();
            return;
        }

        Directory.Move(_sqliteFolder!, _sqliteFolder + "-away");
        // Open connections keep the moved file; the pool closes idle ones within minutes, which this stands for.
        using var connection = new SqliteConnection(AppConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void GiveDatabaseBack()
    {
        if (_forwarder is not null)
        {
            _forwarder.Restore();
            return;
        }

        if (Directory.Exists(_sqliteFolder + "-away"))
        {
            Directory.Move(_sqliteFolder + "-away", _sqliteFolder!);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveDatabaseBack();
            _forwarder?.Dispose();
        }

        base.Dispose(disposing);
    }
}

public sealed class DatabaseOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task WhileTheDatabaseIsAway_PagesApiAndReadiness_Answer503_AndAllRecoverWithoutARestart()
    {
        var member = await factory.MemberAsync("UTC");
        var pages = await factory.CookieClientAsync(member.Email);
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 2 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/today", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        // Several requests at once leave several idle connections in the pool, more than the outage below will use.
        var warm = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => member.Client.GetAsync("/api/journal/2026-06-14")));
        Assert.All(warm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        factory.TakeDatabaseAway();
        try
        {
            // The API: a problem document, 503, Retry-After, and the request id to quote.
            var read = await member.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken);
            var problem = await AssertProblemAsync(read, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("database", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
            AssertRetryAfterAndRequestId(read);

            var write = await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 5 }, note = "written while the database was away" });
            await AssertProblemAsync(write, HttpStatusCode.ServiceUnavailable);
            AssertRetryAfterAndRequestId(write);

            // A page: the friendly error page, with the same status and the reference.
            var page = await pages.GetAsync("/today", TestContext.Current.CancellationToken);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(page.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503, got {(int)page.StatusCode}: {html}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("We can&#x27;t reach your data right now", html, StringComparison.Ordinal);
            Assert.Contains("try again in a minute", html, StringComparison.Ordinal);
            var requestId = AssertRetryAfterAndRequestId(page);
            Assert.Contains(requestId, html, StringComparison.Ordinal);

            // Half an hour on, the login cookie's security stamp is due to be checked against the database too.
            factory.Time.Advance(TimeSpan.FromMinutes(31));
            var later = await pages.GetAsync("/today", TestContext.Current.CancellationToken);
            var laterHtml = await later.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(later.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503, got {(int)later.StatusCode}: {laterHtml}");
            Assert.Contains("We can&#x27;t reach your data right now", laterHtml, StringComparison.Ordinal);

            var ready = await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            factory.GiveDatabaseBack();
        }

        // Back without a restart, and on the first try: no request meets a dead pooled connection.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken));
        Assert.Equal(2, day.GetProperty("values").GetProperty("redness").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2026-06-15", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 5 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/today", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static string AssertRetryAfterAndRequestId(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"No Retry-After on the {(int)response.StatusCode}.");
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.False(string.IsNullOrWhiteSpace(id));
        return id;
    }
}
