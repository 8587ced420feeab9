using System.Data.Common;
using GutSkin.Web.Features.Items;
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
                services.AddDbContext<SqliteGutSkinDb>(o => ConfigureSqlite(o, sqlite));
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

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connection) =>
        options.UseSqlite(connection, o => o.MigrationsAssembly(typeof(GutSkinDb).Assembly.FullName))
            .AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection);

    /// <summary>Creates the folder of a file database so a fresh checkout needs no manual step.</summary>
    public static string PrepareSqlite(string connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
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

    /// <summary>Applies pending migrations; SQLite is switched to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(GutSkinDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

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
/// WAL with synchronous=NORMAL survives a killed process without losing a committed transaction
/// (only a power loss can roll back the last commits), at a fraction of FULL's fsync cost.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        // Waiting for another process's lock: 10 s, or less when the connection string's Default Timeout says so.
        var busyTimeout = connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? Math.Min(10_000, sqlite.DefaultTimeout * 1000) : 10_000;
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeout};";
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
