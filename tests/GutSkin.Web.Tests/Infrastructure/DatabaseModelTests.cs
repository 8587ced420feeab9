using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Every model change comes with a migration for each provider (CONVENTIONS.md §6).</summary>
public sealed class DatabaseModelTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteDesignFactory().CreateDbContext([]);

        Assert.True(db.Database.IsSqlite());
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a SQLite migration: dotnet ef migrations add … --context SqliteGutSkinDb");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = new PostgresDesignFactory().CreateDbContext([]);

        Assert.True(db.Database.IsNpgsql());
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a PostgreSQL migration: dotnet ef migrations add … --context PostgresGutSkinDb");
    }

    [Fact]
    public void TheTwoProviders_HaveTheSameMigrations()
    {
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);

        Assert.Equal(
            sqlite.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]),
            postgres.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }
}
