using System.Net;
using System.Runtime.Versioning;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// Health data and secrets are for the app's user alone: every file the app creates is 0600 and every folder
/// 0700 (another local account, a shared backup volume or a mis-set web server must not read them).
/// </summary>
[Trait("Provider", "Sqlite")]
[UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gutskin-modes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class FreshFolderFactory(string root) : GutSkinFactory
    {
        public override string MailFolder => Path.Combine(root, "mail");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:GutSkin", $"Data Source={Path.Combine(root, "data", "gutskin.db")}");
            builder.UseSetting("Email:PickupDirectory", Path.Combine(root, "mail"));
            builder.UseSetting("Comments:UploadDirectory", Path.Combine(root, "uploads"));
        }
    }

    [Fact]
    public async Task DatabaseWalKeyFileBackupsMailAndUploads_AreCreatedForTheOwnerAlone()
    {
        using var app = new FreshFolderFactory(_folder);
        var member = await app.MemberAsync();
        // Registration mailed a confirmation link to the pickup folder; a journal write fills the WAL.
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 1 }, note = "private" }));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        await using (var upload = new MemoryStream(png))
        {
            var (path, error) = await app.Services.GetRequiredService<CoverImages>().SaveAsync(new FormFile(upload, 0, png.Length, "Cover", "cover.png"), CancellationToken.None);
            Assert.True(path is not null, error);
        }

        var backups = Path.Combine(_folder, "backups");
        Directory.CreateDirectory(backups);
        await using (var stdout = new StringWriter())
        await using (var stderr = new StringWriter())
        {
            Assert.True(await Commands.RunAsync(app.Services, ["backup", Path.Combine(backups, "gutskin.db")], new StringReader(""), stdout, stderr) == 0, stderr.ToString());
        }

        var data = Path.Combine(_folder, "data");
        string[] expected = ["data/gutskin.db", "data/gutskin.db-wal", "data/gutskin.db-shm", "data/gutskin.db.lock", "data/keyring.key", "backups/gutskin.db"];
        var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_folder, f)).ToList();
        Assert.All(expected, f => Assert.Contains(f, files));
        Assert.Contains(files, f => f.StartsWith("mail/", StringComparison.Ordinal) && f.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("uploads/", StringComparison.Ordinal));

        var open = files
            .Select(f => (Name: f, Mode: File.GetUnixFileMode(Path.Combine(_folder, f))))
            .Where(f => f.Mode != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
            .Concat(new[] { data, Path.Combine(_folder, "mail"), Path.Combine(_folder, "uploads") }
                .Select(d => (Name: Path.GetRelativePath(_folder, d) + "/", Mode: File.GetUnixFileMode(d)))
                .Where(d => d.Mode != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)))
            .Select(f => $"{f.Name} is {Convert.ToString((int)f.Mode, 8)}")
            .ToList();
        Assert.True(open.Count == 0, string.Join(", ", open));
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken)).StatusCode);
    }
}
