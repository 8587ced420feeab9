using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Issue 13, one timestamp type: a SQLite file written before it keeps every instant, read back as UTC.</summary>
public sealed class TimestampMigrationTests
{
    [Fact]
    public async Task InstantsStoredWithAnOffset_AreCarriedOver_AsUtcDateTimes()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"gutskin-timestamps-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteGutSkinDb>().UseSqlite($"Data Source={path};Pooling=False").Options;
        try
        {
            await using (var db = new SqliteGutSkinDb(options))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var index = migrations.FindIndex(m => m.EndsWith("_OneTimestampType", StringComparison.Ordinal));
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync(migrations[index - 1], ct);

                db.Users.Add(new AppUser { Id = "m1", UserName = "m1@example.test", SecurityStamp = "s" });
                await db.SaveChangesAsync(ct);
                // As the app wrote them before: DateTimeOffset text, offset zero; and one written with another offset.
                await db.Database.ExecuteSqlRawAsync(
                    """
                    UPDATE "AspNetUsers" SET "CreatedAt" = '2026-11-30 21:15:07.1234567+00:00';
                    INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES ('m1', '2026-11-30', NULL, '2026-11-30 21:15:07.1234567+00:00', 1);
                    INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision") VALUES ('m1', '2026-12-01', NULL, '2026-12-01 08:30:00.250+02:00', 2);
                    """,
                    ct);

                await migrator.MigrateAsync(cancellationToken: ct);
            }

            await using (var db = new SqliteGutSkinDb(options))
            {
                var user = await db.Users.SingleAsync(ct);
                Assert.Equal(new DateTime(2026, 11, 30, 21, 15, 7, DateTimeKind.Utc).AddTicks(1234567), user.CreatedAt);
                Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
                var days = await db.JournalDays.OrderBy(d => d.Date).Select(d => d.UpdatedAt).ToListAsync(ct);
                Assert.Equal(
                    [new DateTime(2026, 11, 30, 21, 15, 7, DateTimeKind.Utc).AddTicks(1234567), new DateTime(2026, 12, 1, 6, 30, 0, 250, DateTimeKind.Utc)],
                    days);
                // Comparable in SQL, as every other timestamp.
                Assert.Equal(1, await db.JournalDays.CountAsync(d => d.UpdatedAt > new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), ct));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
