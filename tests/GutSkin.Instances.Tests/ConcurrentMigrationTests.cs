using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GutSkin.Instances.Tests;

/// <summary>Deploying several instances at once: the app's own processes, started together on a fresh database.</summary>
public sealed class ConcurrentMigrationTests
{
    /// <summary>A hang guard for waits on another instance, not a timing assertion.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TwoMigrateProcessesOnADatabaseThatDoesNotExist_BothSucceed_AndBuildTheSchemaAndSeedOnce()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);

        var runs = await Task.WhenAll(AppCommand.RunAsync(database, "migrate"), AppCommand.RunAsync(database, "migrate"));

        Assert.All(runs, run => Assert.True(run.Code == 0, $"exit {run.Code}: {run.Stderr}"));
        Assert.All(runs, run => Assert.Contains("up to date", run.Stdout, StringComparison.Ordinal));
        await using var db = database.Open();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(await SchemaAsync(ReferenceSchema.Value), await SchemaAsync(database));
        Assert.Equal([StarterArticle.Slug], await db.Articles.IgnoreQueryFilters().Select(a => a.Slug).ToListAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), (await db.Roles.Select(r => r.Name!).ToListAsync(cancellationToken: TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
        Assert.Equal(1, await db.SiteSettings.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MigrateWhileTwoInstancesStart_AllAgreeOnOneDatabase()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        await using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));

        var migrate = AppCommand.RunAsync(database, "migrate");
        await Task.WhenAll(Task.Run(a.StartServer, TestContext.Current.CancellationToken), Task.Run(b.StartServer, TestContext.Current.CancellationToken));
        var run = await migrate;

        Assert.True(run.Code == 0, run.Stderr);
        await using var db = database.Open();
        Assert.Equal(await SchemaAsync(ReferenceSchema.Value), await SchemaAsync(database));
        Assert.Equal(1, await db.Articles.IgnoreQueryFilters().CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnInstance_WaitsWhileAnotherHoldsTheStartupLock_ThenMigrates()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using (var db = database.Open())
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(TestContext.Current.CancellationToken);
        }

        var watch = new LogWatch("waiting for it");
        await using var host = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database) with { Settings = new Dictionary<string, string> { ["Logging:LogLevel:GutSkin"] = "Information" }, Logs = watch });
        Task starting;
        await using (var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock.AdvisoryKey})", holder))
            {
                await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            starting = Task.Run(host.StartServer, TestContext.Current.CancellationToken);
            await watch.Seen.WaitAsync(Patience, TestContext.Current.CancellationToken);
            Assert.False(starting.IsCompleted);
            await using var history = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NULL", holder);
            Assert.Equal(true, await history.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // The holder's session ended, and with it the lock.
        await starting.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await using var migrated = database.Open();
        Assert.Equal(migrated.Database.GetMigrations(), await migrated.Database.GetAppliedMigrationsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BackupCommandOnPostgres_PointsToPgDumpAndFails()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        var target = Path.Combine(Path.GetTempPath(), $"gutskin-{Guid.NewGuid():N}.db");

        var run = await AppCommand.RunAsync(database, "backup", target);

        Assert.NotEqual(0, run.Code);
        Assert.Contains("pg_dump", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    /// <summary>
    /// A database migrated by one process alone, as the app migrates (the migrations, then the move of values stored
    /// one row each, which drops their table): the schema the concurrent runs must match.
    /// </summary>
    private static readonly Lazy<TestDatabase> ReferenceSchema = new(() =>
    {
        var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var db = database.Open();
        DatabaseSetup.MigrateAsync(db).GetAwaiter().GetResult();
        return database;
    });

    /// <summary>Every column and index of the public schema, as text.</summary>
    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var columns = await db.Database.SqlQueryRaw<string>(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS "Value"
            FROM information_schema.columns WHERE table_schema = 'public'
            """).ToListAsync();
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'public'").ToListAsync();
        return [.. columns.Concat(indexes).Order(StringComparer.Ordinal)];
    }
}
