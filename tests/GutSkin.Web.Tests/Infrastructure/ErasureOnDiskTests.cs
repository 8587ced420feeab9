using System.Net;
using System.Net.Http.Json;
using System.Text;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// Erasure is real on disk: once a member is erased, the bytes of the SQLite file, of its -wal file and of a
/// backup taken afterwards hold none of what they wrote. Without <c>secure_delete</c> SQLite leaves deleted rows
/// in free pages and free space inside pages, and the WAL keeps every earlier version of a page.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class ErasureOnDiskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gutskin-erasure-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ErasedMember_IsNotInTheDatabaseFile_ItsWal_OrALaterBackup()
    {
        var database = Path.Combine(_folder, "live.db");
        using var app = new SqliteFileFactory(database);
        var staying = await app.MemberAsync();
        await ReadJsonAsync(await staying.Client.PutDayAsync("2026-06-14", new { values = new { redness = 1 }, note = "the member who stays" }));

        var traces = new Dictionary<string, string>
        {
            ["e-mail"] = $"leaving-{Guid.NewGuid():N}@example.test",
            ["display name"] = $"Display{Guid.NewGuid():N}",
            ["note"] = $"Note{Guid.NewGuid():N}",
            ["custom item label"] = $"Label{Guid.NewGuid():N}",
            ["experiment name"] = $"Trial{Guid.NewGuid():N}",
            ["photo caption"] = $"Caption{Guid.NewGuid():N}",
        };
        var leaving = await app.CreateMemberAsync(traces["e-mail"], Password);
        await ReadJsonAsync(await leaving.PutAsJsonAsync("/api/account/profile", new { displayName = traces["display name"] }, cancellationToken: TestContext.Current.CancellationToken));
        await ReadJsonAsync(await leaving.PostAsJsonAsync("/api/items", new { key = "kefir", label = traces["custom item label"], group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        for (var day = 1; day <= 28; day++)
        {
            // Four weeks of notes: enough rows that erasure frees whole pages, not only cells inside shared ones.
            await ReadJsonAsync(await leaving.PutDayAsync($"2026-05-{day:00}", new { values = new { kefir = 1, redness = 2 }, note = $"{traces["note"]} day {day}" }));
        }

        await ReadJsonAsync(
            await leaving.PostAsJsonAsync("/api/experiments", new { name = traces["experiment name"], intervention = "kefir", outcome = "redness", start = "2026-05-01", @switch = "2026-06-01", end = "2026-08-28", onsetDays = 7 }, cancellationToken: TestContext.Current.CancellationToken),
            HttpStatusCode.Created);
        await ReadJsonAsync(
            await leaving.PostAsync("/api/photos", Photos.PhotoFiles.Form(Photos.PhotoFiles.Plain(), "skin.jpg", "2026-06-14", "face", traces["photo caption"]), TestContext.Current.CancellationToken),
            HttpStatusCode.Created);
        // The photo is sealed at rest: its stored bytes, not the image, are what must leave the disk.
        var sealedPhoto = app.WithDb(db => db.PhotoContents.Select(c => c.Sealed).First().AsSpan(40, 64).ToArray());
        var files = new[] { database, database + "-wal" };
        Assert.True(files.Any(f => Holds(f, [sealedPhoto])), "The sealed photo was never on disk: the test would prove nothing.");
        Assert.All(traces, trace => Assert.True(files.Any(f => Contains(f, trace.Value)), $"The {trace.Key} was never on disk: the test would prove nothing."));

        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(leaving)).StatusCode);
        var backup = Path.Combine(_folder, "after.db");
        await using (var stdout = new StringWriter())
        await using (var stderr = new StringWriter())
        {
            Assert.True(await Commands.RunAsync(app.Services, ["backup", backup], new StringReader(""), stdout, stderr) == 0, stderr.ToString());
        }

        var left = files.Append(backup).Where(File.Exists)
            .Select(file => (File: Path.GetFileName(file), Found: traces.Where(t => Contains(file, t.Value)).Select(t => t.Key).ToList()))
            .Where(f => f.Found.Count > 0)
            .Select(f => $"{f.File} still holds the erased member's {string.Join(", ", f.Found)}")
            .ToList();
        Assert.True(left.Count == 0, string.Join("; ", left));
        Assert.False(files.Append(backup).Any(f => Holds(f, [sealedPhoto])), "A file still holds the erased member's sealed photo.");

        Assert.Equal(HttpStatusCode.OK, (await staying.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task RowsDeletedBeforeTheUpgrade_LeaveTheFileWhenTheUpgradedAppFirstStarts()
    {
        var database = Path.Combine(_folder, "earlier.db");
        var trace = $"Deleted{Guid.NewGuid():N}";
        // The database as the version before secure_delete left it: its last migration applied, a row deleted in the plain way.
        var options = new DbContextOptionsBuilder<SqliteGutSkinDb>().UseSqlite($"Data Source={database};Pooling=False").Options;
        await using (var earlier = new SqliteGutSkinDb(options))
        {
            var migrations = earlier.Database.GetMigrations().ToList();
            var upgrade = migrations.FindIndex(m => m.EndsWith("_AtrestIpHashKeyOut", StringComparison.Ordinal));
            await earlier.GetService<IMigrator>().MigrateAsync(migrations[upgrade - 1], TestContext.Current.CancellationToken);
            await earlier.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken: TestContext.Current.CancellationToken);
            await earlier.Database.ExecuteSqlAsync($"INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES ('erased', {string.Concat(Enumerable.Repeat(trace + " ", 40))})", cancellationToken: TestContext.Current.CancellationToken);
            await earlier.Database.ExecuteSqlRawAsync("DELETE FROM \"DataProtectionKeys\" WHERE \"FriendlyName\" = 'erased'", cancellationToken: TestContext.Current.CancellationToken);
            await earlier.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.True(Contains(database, trace), "The deleted row is not in the file: the test would prove nothing.");

        using var app = new SqliteFileFactory(database);
        await app.MemberAsync();

        Assert.False(Contains(database, trace), "The rows deleted before the upgrade are still in the database file.");
        Assert.False(Contains(database + "-wal", trace), "The rows deleted before the upgrade are in the WAL.");
    }

    /// <summary>Erases through the API, re-authenticating first where the app asks for it.</summary>
    internal static async Task<HttpResponseMessage> EraseAsync(HttpClient member)
    {
        var erase = await member.DeleteAsync("/api/account");
        if (erase.StatusCode != HttpStatusCode.Forbidden)
        {
            return erase;
        }

        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync("/api/account/reauthenticate", new { password = Password })).StatusCode);
        return await member.DeleteAsync("/api/account");
    }

    /// <summary>Whether the file's bytes hold the text in UTF-8 or UTF-16 (either byte order), in its own case or upper case (Identity's normalized columns).</summary>
    private static bool Contains(string path, string text) =>
        Holds(path, [.. new[] { text, text.ToUpperInvariant() }.SelectMany(t => new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode }.Select(e => e.GetBytes(t)))]);

    private static bool Holds(string path, byte[][] needles)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var memory = new MemoryStream())
        {
            file.CopyTo(memory);
            bytes = memory.ToArray();
        }

        return needles.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0);
    }
}

/// <summary>
/// What the app does after every erasure, on both providers: SQLite empties the WAL (the earlier versions of the
/// erased rows' pages), PostgreSQL vacuums every table that holds member data so the dead rows' space is reused
/// by the next writes instead of waiting for autovacuum (docs/deploy.md says what PostgreSQL keeps still).
/// </summary>
public sealed class ErasureScrubTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task AfterAnErasure_TheDatabaseScrubsWhatTheDeleteLeft()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 3 }, note = "to be erased" }));

        Assert.Equal(HttpStatusCode.NoContent, (await ErasureOnDiskTests.EraseAsync(member.Client)).StatusCode);

        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            var wal = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource + "-wal";
            Assert.Equal(0, new FileInfo(wal).Length);
            return;
        }

        var tables = factory.WithDb(ErasedData.MemberTables);
        Assert.Contains("JournalDays", tables);
        var unvacuumed = factory.WithDb(db => db.Database
            .SqlQuery<string>($"SELECT relname AS \"Value\" FROM pg_stat_user_tables WHERE relname = ANY({tables.ToArray()}) AND last_vacuum IS NULL")
            .ToList());
        Assert.True(unvacuumed.Count == 0, "Not vacuumed after the erasure: " + string.Join(", ", unvacuumed));
    }
}
