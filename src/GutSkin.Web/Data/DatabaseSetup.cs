using System.Data.Common;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GutSkin.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/gutskin.db";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration["Database:Provider"] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var p when p.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var p => throw new InvalidOperationException($"Database:Provider '{p}' is not supported; use Sqlite or Postgres."),
        };

    /// <summary>Registers the provider's context and exposes it as <see cref="GutSkinDb"/> for everything else.</summary>
    public static IServiceCollection AddGutSkinDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("GutSkin");
        switch (Provider(configuration))
        {
            case DatabaseProvider.Sqlite:
                var sqlite = PrepareSqlite(string.IsNullOrWhiteSpace(connection) ? DefaultSqlite : connection);
                var pragmas = SqlitePragmas.For(configuration["Database:SqliteSynchronous"]);
                services.AddDbContext<SqliteGutSkinDb>(o => ConfigureSqlite(o, sqlite, pragmas));
                services.AddScoped<GutSkinDb>(sp => sp.GetRequiredService<SqliteGutSkinDb>());
                services.AddSingleton(new WriteGate(serialize: true));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:GutSkin is not set.");
                }

                services.AddDbContext<PostgresGutSkinDb>(o => ConfigurePostgres(o, connection));
                services.AddScoped<GutSkinDb>(sp => sp.GetRequiredService<PostgresGutSkinDb>());
                services.AddSingleton(new WriteGate(serialize: false));
                break;
        }

        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connection) => ConfigureSqlite(options, connection, SqlitePragmas.Normal);

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connection, SqlitePragmas pragmas) =>
        options.UseSqlite(connection, o => o.MigrationsAssembly(typeof(GutSkinDb).Assembly.FullName))
            .AddInterceptors(pragmas).ConfigureWarnings(OneLinePerFailure);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection).ConfigureWarnings(OneLinePerFailure);

    /// <summary>
    /// EF Core's own error lines for a failed connection or query are Debug: whoever catches the exception logs it
    /// once (the 503 handler, the exception handler, a background job, start-up waiting for the database), so a
    /// database that is away writes one line per request or attempt, not three stack traces.
    /// </summary>
    private static void OneLinePerFailure(WarningsConfigurationBuilder warnings) =>
        warnings.Log((RelationalEventId.ConnectionError, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug));

    /// <summary>
    /// Creates the folder of a file database (0700) so a fresh checkout needs no manual step, and the empty database
    /// file itself (0600; SQLite gives its -wal and -shm the database file's mode). A database file an earlier
    /// version left readable by others is restricted to its owner.
    /// </summary>
    public static string PrepareSqlite(string connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (StartupLock.SqliteLockFile(connection) is not null && builder.Mode is not SqliteOpenMode.ReadOnly)
        {
            var database = Path.GetFullPath(builder.DataSource);
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(database)!);
            try
            {
                OwnerOnlyFiles.CreateNew(database).Dispose();
            }
            catch (IOException) when (File.Exists(database))
            {
                foreach (var file in new[] { database, database + "-wal", database + "-shm", database + ".lock" })
                {
                    OwnerOnlyFiles.Restrict(file);
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>The readiness query: it reads a table, so a locked SQLite file or a dead PostgreSQL connection fails it.</summary>
    public static async Task<bool> AnswersAsync(GutSkinDb db, CancellationToken cancellationToken)
    {
        await db.Roles.AsNoTracking().AnyAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Applies pending migrations, then carries values stored one row each into their days (<see cref="ValueRowsMove"/>); SQLite is switched to WAL so readers never wait for the writer. An existing SQLite
    /// database is rebuilt once (VACUUM) on the upgrade to the version that turned secure_delete on: rows deleted
    /// before it (erased members among them) still lie in its free pages.
    /// </summary>
    public static async Task MigrateAsync(GutSkinDb db, CancellationToken cancellationToken = default)
    {
        var rebuild = db.Database.IsSqlite()
            && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any(m => m.EndsWith("_" + nameof(Migrations.Sqlite.AtrestIpHashKeyOut), StringComparison.Ordinal));
        await db.Database.MigrateAsync(cancellationToken);
        await ValueRowsMove.RunAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            if (rebuild)
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }

            // Custom items start at Catalog.FirstCustomId, as PostgreSQL's identity does, so the seeded catalog can grow without clashing.
            const int LastCatalogId = Catalog.FirstCustomId - 1;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO sqlite_sequence (name, seq) SELECT 'Items', {LastCatalogId} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'Items')",
                cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE sqlite_sequence SET seq = {LastCatalogId} WHERE name = 'Items' AND seq < {LastCatalogId}", cancellationToken);
        }
    }
}

/// <summary>
/// Set on every SQLite connection. The app answers a write only after its transaction commits; in WAL mode a commit
/// appends to the -wal file. With synchronous=NORMAL (the default) that append reaches the operating system but is
/// not fsynced: it survives the app being killed (SIGKILL, the OOM killer, a crash; the kernel still holds the pages
/// and writes them out, and the next start replays the WAL), which the SIGKILL durability test checks, but a power
/// loss or kernel crash can roll back the last commits before it (the file stays consistent). FULL fsyncs the WAL on
/// every commit and survives that too, at one fsync per journal write: 2.5–3.7 ms on the test machine's disk, and
/// SQLite writes one at a time, so FULL caps journal PUTs at a few hundred a second where NORMAL serves ~2,000
/// (docs/performance.md). Hence NORMAL by default; Database:SqliteSynchronous=Full where losing the last seconds of
/// entries to a power cut is not acceptable (or PostgreSQL, whose default synchronous_commit=on waits for the flush).
/// </summary>
internal sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Normal = new("NORMAL");

    public static readonly SqlitePragmas Full = new("FULL");

    public static SqlitePragmas For(string? synchronous) => synchronous switch
    {
        null or "" => Normal,
        var s when s.Equals("Normal", StringComparison.OrdinalIgnoreCase) => Normal,
        var s when s.Equals("Full", StringComparison.OrdinalIgnoreCase) => Full,
        var s => throw new InvalidOperationException($"Database:SqliteSynchronous '{s}' is not supported; use Normal or Full."),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        // Waiting for another process's lock: 10 s, or less when the connection string's Default Timeout says so.
        var busyTimeout = connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? Math.Min(10_000, sqlite.DefaultTimeout * 1000) : 10_000;
        using var command = connection.CreateCommand();
        // secure_delete: deleted rows are overwritten with zeros, so an erased member's text does not linger in free space.
        command.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeout}; PRAGMA secure_delete=ON;";
        command.ExecuteNonQuery();
    }
}

/// <summary>Design-time factories so `dotnet ef migrations add` can build each provider's model.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteGutSkinDb>
{
    public SqliteGutSkinDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGutSkinDb>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteGutSkinDb(options.Options);
    }
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresGutSkinDb>
{
    public PostgresGutSkinDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresGutSkinDb>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=gutskin_design");
        return new PostgresGutSkinDb(options.Options);
    }
}
