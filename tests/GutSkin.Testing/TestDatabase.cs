using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Testing;

/// <summary>
/// A database of a test's own, named but not created (the first app or command on it migrates it): a SQLite file in a
/// fresh folder, or a fresh database in the PostgreSQL cluster named by GUTSKIN_TEST_POSTGRES when the run sets
/// GUTSKIN_TEST_PROVIDER=Postgres (test.sh starts a cluster and sets both). Several hosts given one database are
/// several instances of the app on it, as behind a load balancer.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(DatabaseProvider provider, string folder)
    {
        Provider = provider;
        Folder = folder;
        Directory.CreateDirectory(folder);
        ConnectionString = provider == DatabaseProvider.Postgres
            ? $"{PostgresServer};Database=gutskin_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(folder, "gutskin.db")}";
    }

    /// <summary>The provider this run tests: GUTSKIN_TEST_PROVIDER=Postgres, else SQLite.</summary>
    public static DatabaseProvider RunProvider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("GUTSKIN_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where the SQLite file and the key file lie (with a host's own database: the host's folder).</summary>
    public string Folder { get; }

    /// <summary>
    /// The secret that encrypts the database's data-protection keys, beside the SQLite file where the app puts it by
    /// default: every instance and command on one database needs the same file (docs/deploy.md).
    /// </summary>
    public string KeyFile => Path.Combine(Folder, "keyring.key");

    /// <summary>A new database on the provider this run tests.</summary>
    public static TestDatabase Create() => Create(RunProvider);

    /// <summary>A new database on <paramref name="provider"/>, whatever the run tests (PostgreSQL needs GUTSKIN_TEST_POSTGRES).</summary>
    public static TestDatabase Create(DatabaseProvider provider) => Create(provider, NewFolder());

    internal static TestDatabase Create(DatabaseProvider provider, string folder) => new(provider, folder);

    internal static string NewFolder() => Path.Combine(Path.GetTempPath(), "gutskin-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A context on the database without any app around it, for looking at what the apps left there.</summary>
    public GutSkinDb Open()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresGutSkinDb>();
            DatabaseSetup.ConfigurePostgres(options, ConnectionString);
            return new PostgresGutSkinDb(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteGutSkinDb>();
        DatabaseSetup.ConfigureSqlite(sqlite, ConnectionString);
        return new SqliteGutSkinDb(sqlite.Options);
    }

    /// <summary>Deletes the folder (the SQLite file and the key file); a PostgreSQL database goes with the throwaway cluster.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or a SQLite file still held for a moment: the OS cleans the temp folder.
        }
    }

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("GUTSKIN_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("A PostgreSQL test database needs GUTSKIN_TEST_POSTGRES (test.sh starts a cluster and sets it).");
}
