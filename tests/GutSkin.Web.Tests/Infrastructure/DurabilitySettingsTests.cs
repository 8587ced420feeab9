using System.Data.Common;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// What makes a commit durable once the app acknowledges it: SQLite in WAL mode with synchronous NORMAL (a killed
/// process loses nothing; see SqlitePragmas) or FULL when configured, PostgreSQL with synchronous_commit on.
/// </summary>
public sealed class DurabilitySettingsTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task TheAppsConnections_WaitForTheCommitToBeKept()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutSkinDb>();
        await db.Database.OpenConnectionAsync(cancellationToken: TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();

        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
            Assert.Equal("1", await ScalarAsync(connection, "PRAGMA synchronous")); // NORMAL
        }
        else
        {
            Assert.Equal("on", await ScalarAsync(connection, "SHOW synchronous_commit"));
        }
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("normal", "1")]
    [InlineData("Full", "2")]
    public async Task SqliteSynchronous_IsSetOnEveryConnection(string? setting, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gutskin-sync-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteGutSkinDb>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={file};Pooling=False", SqlitePragmas.For(setting));
        try
        {
            await using var db = new SqliteGutSkinDb(options.Options);
            await db.Database.OpenConnectionAsync(cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(expected, await ScalarAsync(db.Database.GetDbConnection(), "PRAGMA synchronous"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void SqliteSynchronous_AnythingButNormalOrFull_StopsTheStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlitePragmas.For("OFF"));
        Assert.Contains("Database:SqliteSynchronous", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString()?.ToLowerInvariant();
    }
}
