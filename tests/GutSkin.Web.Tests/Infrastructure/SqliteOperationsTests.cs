using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The app on a SQLite file of the test's choosing, whatever provider the rest of the suite runs on.</summary>
public sealed class SqliteFileFactory(string databasePath, ILoggerProvider? logs = null) : GutSkinFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:GutSkin", $"Data Source={databasePath}");
        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }
}

/// <summary>
/// Running on SQLite: starts that do not trip over each other or over a process killed while migrating,
/// and the online <c>backup</c> command. About SQLite alone, so test.sh leaves them out of the PostgreSQL
/// pass (<c>--filter Provider!=Sqlite</c>) instead of running them twice.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteOperationsTests : IDisposable
{
    /// <summary>A hang guard for starts that must not wait forever, not a timing assertion.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("gutskin-sqlite-ops-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Backup_WhileAMemberKeepsWriting_MakesAConsistentCopyWithTheData()
    {
        using var app = new SqliteFileFactory(Path.Combine(_folder, "live.db"));
        var member = await app.MemberAsync();
        var acknowledged = new ConcurrentQueue<DateOnly>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var day = new DateOnly(2026, 6, 14); !stop.IsCancellationRequested && day.Year == 2026; day = day.AddDays(-1))
            {
                var put = await member.Client.PutDayAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new { values = new { redness = 2 }, note = "kept" });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                acknowledged.Enqueue(day);
            }
        }, TestContext.Current.CancellationToken);
        while (acknowledged.Count < 10 && !writer.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var before = acknowledged.ToList();
        var target = Path.Combine(_folder, "copy.db");
        var (code, stdout, stderr) = await RunAsync(app, "backup", target);
        await stop.CancelAsync();
        await writer;

        Assert.True(code == 0, stderr);
        Assert.Contains(target, stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
        Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode"));
        Assert.Equal(member.Email, await ScalarAsync(copy, $"SELECT Email FROM AspNetUsers WHERE Id = '{member.Id}'"));
        var copied = new List<DateOnly>();
        await using (var days = copy.CreateCommand())
        {
            days.CommandText = $"SELECT Date FROM JournalDays WHERE UserId = '{member.Id}'";
            await using var reader = await days.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                copied.Add(DateOnly.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
            }
        }

        // Every day acknowledged before the backup began is in the copy; the copy holds no day the app never acknowledged.
        Assert.Subset(copied.ToHashSet(), before.ToHashSet());
        Assert.Subset(acknowledged.ToHashSet(), copied.ToHashSet());

        // The app went on serving writes.
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2025-12-31", new { values = new { redness = 1 } })).StatusCode);
    }

    [Fact]
    public async Task Backup_ToTheDatabaseItselfOrWithoutAPath_IsRefused()
    {
        var live = Path.Combine(_folder, "live.db");
        using var app = new SqliteFileFactory(live);
        var member = await app.MemberAsync();
        var before = app.Fingerprint();

        var onto = await RunAsync(app, "backup", live);
        var missing = await RunAsync(app, "backup");
        var noFolder = await RunAsync(app, "backup", Path.Combine(_folder, "no-such-folder", "copy.db"));

        Assert.Equal(2, onto.Code);
        Assert.Contains("another file", onto.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.Code);
        Assert.Contains("backup PATH", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noFolder.Code);
        Assert.Equal(before, app.Fingerprint());
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task MigrationLockLeftByAKilledProcess_DoesNotStopTheNextStart()
    {
        var path = Path.Combine(_folder, "gutskin.db");
        using (var first = new SqliteFileFactory(path))
        {
            _ = first.Services;
        }

        // What EF Core's migration lock leaves in the database when its process is killed mid-migration.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await ScalarAsync(connection, """
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-06-15 11:59:00+00:00');
                """);
        }

        using var next = new SqliteFileFactory(path);
        await Task.Run(() => next.Services).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await next.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, next.WithDb(db => db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"__EFMigrationsLock\"").Single()));
    }

    [Fact]
    public async Task AStart_WaitsWhileAnotherProcessHoldsTheLockFile_ThenMigrates()
    {
        var path = Path.Combine(_folder, "gutskin.db");
        var watch = new LogWatch("waiting for it");
        using var app = new SqliteFileFactory(path, watch);
        Task starting;
        await using (new FileStream(StartupLock.SqliteLockFile($"Data Source={path}")!, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            starting = Task.Run(() => app.Services);
            await watch.Seen.WaitAsync(Patience, TestContext.Current.CancellationToken);
            Assert.False(starting.IsCompleted);
            Assert.False(File.Exists(path) && await TableExistsAsync(path, "__EFMigrationsHistory"));
        }

        await starting.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(await TableExistsAsync(path, "__EFMigrationsHistory"));
    }

    [Fact]
    public async Task TwoInstancesStartingTogetherOnANewFile_MigrateOnceSeedOnceAndShareOneKey()
    {
        var path = Path.Combine(_folder, "gutskin.db");
        using var a = new SqliteFileFactory(path);
        using var b = new SqliteFileFactory(path);

        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services)).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await a.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal([StarterArticle.Slug], a.WithDb(db => db.Articles.IgnoreQueryFilters().Select(x => x.Slug).ToList()));
        Assert.Equal(1, a.WithDb(db => db.DataProtectionKeys.Count()));
        Assert.True(File.Exists(StartupLock.SqliteLockFile($"Data Source={path}")));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(SqliteFileFactory app, params string[] args)
    {
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var code = await Commands.RunAsync(app.Services, args, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<bool> TableExistsAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == "1";
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
