using System.Globalization;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// Issue 17, the packed journal: a database written with one row per value (before the change) is carried over by the
/// start-up's migrations, on the provider this run tests: every value of every day, to the bit, and the old table gone.
/// </summary>
public sealed class ValueRowsMoveTests
{
    [Fact]
    public async Task ValuesStoredOneRowEach_AreMovedIntoTheirDays_ExactlyAndInBatches()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = TestDatabase.Create();
        var written = new Dictionary<(string Member, DateOnly Date), List<(int ItemId, double Value)>>();
        await using (var db = database.Open())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_PackedJournalValues", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1], ct);
            db.Users.AddRange(new AppUser { Id = "m1", UserName = "m1@example.test", SecurityStamp = "s" }, new AppUser { Id = "m2", UserName = "m2@example.test", SecurityStamp = "s" });
            await db.SaveChangesAsync(ct);
            var items = await db.Items.Where(i => i.OwnerId == null).OrderBy(i => i.Id).Select(i => i.Id).Take(6).ToListAsync(ct);

            // More days than one batch moves (2,000), values of every shape: scores, halves, hundredths, a double that
            // is no short decimal, a negative, a large dose, and days with no value at all.
            double[] shapes = [0, 7, 10, 2.5, 0.25, 0.1 + 0.2, -3, 12345.678, 1e-9];
            var start = new DateOnly(2020, 1, 1);
            foreach (var (member, days) in new[] { ("m1", 1500), ("m2", 700) })
            {
                for (var d = 0; d < days; d++)
                {
                    written[(member, start.AddDays(d))] = d % 10 == 9 ? [] : [.. items.Take(1 + (d % items.Count)).Select((id, i) => (id, shapes[(d + i) % shapes.Length]))];
                }
            }

            await InsertAsync(db, written, ct);
            await DatabaseSetup.MigrateAsync(db, ct);
        }

        await using (var db = database.Open())
        {
            var stored = await db.JournalDays.AsNoTracking().Select(d => new { d.UserId, d.Date, d.PackedValues }).ToListAsync(ct);
            Assert.Equal(written.Count, stored.Count);
            foreach (var day in stored)
            {
                var expected = written[(day.UserId, day.Date)];
                var actual = ValuePacking.Unpack(day.PackedValues);
                Assert.Equal(expected.Select(v => (v.ItemId, BitConverter.DoubleToInt64Bits(v.Value))), actual.Select(v => (v.ItemId, BitConverter.DoubleToInt64Bits(v.Value))));
            }

            var table = db.Database.IsNpgsql()
                ? """SELECT CASE WHEN to_regclass('"JournalValues"') IS NULL THEN 0 ELSE 1 END AS "Value" """
                : """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE name = 'JournalValues'""";
            Assert.Equal(0, (await db.Database.SqlQueryRaw<int>(table).ToListAsync(ct)).Single());

            // A second start finds nothing to move and changes nothing.
            await DatabaseSetup.MigrateAsync(db, ct);
            Assert.Equal(stored.Select(d => d.PackedValues), await db.JournalDays.AsNoTracking().Select(d => d.PackedValues).ToListAsync(ct));
        }
    }

    /// <summary>The days and their value rows as the app wrote them before, 200 days to a statement.</summary>
    private static async Task InsertAsync(GutSkinDb db, Dictionary<(string Member, DateOnly Date), List<(int ItemId, double Value)>> days, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var chunk in days.Keys.Chunk(200))
        {
            var sql = """INSERT INTO "JournalDays" ("UserId", "Date", "UpdatedAt", "Revision") VALUES """
                + string.Join(", ", chunk.Select((_, i) => $"({{{4 * i}}}, {{{(4 * i) + 1}}}, {{{(4 * i) + 2}}}, {{{(4 * i) + 3}}})"));
            await db.Database.ExecuteSqlRawAsync(
                sql,
                [.. chunk.SelectMany((k, i) => new object[] { k.Member, k.Date, updated, (long)i + 1 })],
                ct);
        }

        var ids = (await db.JournalDays.AsNoTracking().Select(d => new { d.Id, d.UserId, d.Date }).ToListAsync(ct)).ToDictionary(d => (d.UserId, d.Date), d => d.Id);
        var rows = days.SelectMany(day => day.Value.Select(v => (DayId: ids[day.Key], v.ItemId, v.Value))).ToList();
        foreach (var chunk in rows.Chunk(300))
        {
            var sql = """INSERT INTO "JournalValues" ("DayId", "ItemId", "Value") VALUES """
                + string.Join(", ", chunk.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"({{{3 * i}}}, {{{(3 * i) + 1}}}, {{{(3 * i) + 2}}})")));
            await db.Database.ExecuteSqlRawAsync(
                sql,
                [.. chunk.SelectMany(r => new object[] { r.DayId, r.ItemId, r.Value })],
                ct);
        }

        await transaction.CommitAsync(ct);
    }
}
