using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Tests.Infrastructure;
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
        var connection = TestDatabase.NewConnectionString();

        var runs = await Task.WhenAll(AppCommand.RunAsync(connection, "migrate"), AppCommand.RunAsync(connection, "migrate"));

        Assert.All(runs, run => Assert.True(run.Code == 0, $"exit {run.Code}: {run.Stderr}"));
        Assert.All(runs, run => Assert.Contains("up to date", run.Stdout, StringComparison.Ordinal));
        await using var db = TestDatabase.Open(connection);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(await SchemaAsync(ReferenceSchema.Value), await SchemaAsync(connection));
        Assert.Equal([StarterArticle.Slug], await db.Articles.IgnoreQueryFilters().Select(a => a.Slug).ToListAsync());
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(1, await db.SiteSettings.CountAsync());
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task MigrateWhileTwoInstancesStart_AllAgreeOnOneDatabase()
    {
        var connection = TestDatabase.NewConnectionString();
        await using var a = new InstanceHost(connection);
        await using var b = new InstanceHost(connection);

        var migrate = AppCommand.RunAsync(connection, "migrate");
        await Task.WhenAll(Task.Run(a.Boot), Task.Run(b.Boot));
        var run = await migrate;

        Assert.True(run.Code == 0, run.Stderr);
        await using var db = TestDatabase.Open(connection);
        Assert.Equal(await SchemaAsync(ReferenceSchema.Value), await SchemaAsync(connection));
        Assert.Equal(1, await db.Articles.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task AnInstance_WaitsWhileAnotherHoldsTheStartupLock_ThenMigrates()
    {
        var connection = TestDatabase.NewConnectionString();
        await using (var db = TestDatabase.Open(connection))
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync();
        }

        var watch = new LogWatch("waiting for it");
        await using var host = new InstanceHost(connection, new Dictionary<string, string> { ["Logging:LogLevel:GutSkin"] = "Information" }, watch);
        Task starting;
        await using (var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString))
        {
            await holder.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock.AdvisoryKey})", holder))
            {
                await take.ExecuteNonQueryAsync();
            }

            starting = Task.Run(host.Boot);
            await watch.Seen.WaitAsync(Patience);
            Assert.False(starting.IsCompleted);
            await using var history = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NULL", holder);
            Assert.Equal(true, await history.ExecuteScalarAsync());
        }

        // The holder's session ended, and with it the lock.
        await starting.WaitAsync(Patience);
        await using var migrated = TestDatabase.Open(connection);
        Assert.Equal(migrated.Database.GetMigrations(), await migrated.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task BackupCommandOnPostgres_PointsToPgDumpAndFails()
    {
        var connection = TestDatabase.NewConnectionString();
        var target = Path.Combine(Path.GetTempPath(), $"gutskin-{Guid.NewGuid():N}.db");

        var run = await AppCommand.RunAsync(connection, "backup", target);

        Assert.NotEqual(0, run.Code);
        Assert.Contains("pg_dump", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    /// <summary>A database migrated by one process alone, the schema the concurrent runs must match.</summary>
    private static readonly Lazy<string> ReferenceSchema = new(() =>
    {
        var connection = TestDatabase.NewConnectionString();
        using var db = TestDatabase.Open(connection);
        db.Database.Migrate();
        return connection;
    });

    /// <summary>Every column and index of the public schema, as text.</summary>
    private static async Task<List<string>> SchemaAsync(string connection)
    {
        await using var db = TestDatabase.Open(connection);
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
