using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The app on SQLite whatever the suite's provider (the lock is SQLite's own failure), with Default Timeout=1
/// so the busy wait is one second instead of ten.
/// </summary>
public sealed class SqliteWriteLockFactory : GutSkinFactory
{
    public string DatabaseFile => Path.Combine(Path.GetDirectoryName(MailFolder)!, "locked.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:GutSkin", new SqliteConnectionStringBuilder { DataSource = DatabaseFile, DefaultTimeout = 1 }.ConnectionString);
    }
}

public sealed class SqliteWriteLockTests(SqliteWriteLockFactory factory) : IClassFixture<SqliteWriteLockFactory>
{
    [Fact]
    public async Task WhileAnotherConnectionHoldsTheWriteLock_WritesAnswer503_ReadsGoOn_AndWritesWorkAfterwards()
    {
        var member = await factory.MemberAsync("UTC");
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 2 } })).StatusCode);

        // Another program (an operator's sqlite3 shell, a script) opens a write transaction and keeps it open.
        using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = factory.DatabaseFile, Pooling = false }.ConnectionString))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; UPDATE AspNetRoles SET ConcurrencyStamp = ConcurrencyStamp;";
            command.ExecuteNonQuery();

            var write = await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 5 } });
            await AssertProblemAsync(write, HttpStatusCode.ServiceUnavailable);
            Assert.True(write.Headers.RetryAfter?.Delta > TimeSpan.Zero);

            // WAL mode: readers never wait for the writer.
            var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken));
            Assert.Equal(2, day.GetProperty("values").GetProperty("redness").GetDouble());
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 5 } })).StatusCode);
    }
}
