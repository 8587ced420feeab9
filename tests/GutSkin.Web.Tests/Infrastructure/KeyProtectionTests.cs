using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The data-protection keys in the database, encrypted under the key file, or to a certificate when one is configured.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string PfxPassword = "a pfx password";

    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"gutskin-keyring-{Guid.NewGuid():N}.pfx");

    public KeyProtectionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=GutSkin key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, PfxPassword));
    }

    public void Dispose() => File.Delete(_pfx);

    private sealed class CertificateFactory(string pfx) : GutSkinFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:CertificatePath", pfx);
            builder.UseSetting("DataProtection:CertificatePassword", PfxPassword);
        }
    }

    [Fact]
    public async Task WithACertificate_TheKeyIsStoredEncrypted_AndLoginsStillWork()
    {
        using var factory = new CertificateFactory(_pfx);
        var member = await factory.MemberAsync();
        using var browser = await factory.CookieClientAsync(member.Email);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/account/profile", TestContext.Current.CancellationToken)).StatusCode);
        var keys = factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToList());
        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task WithoutACertificate_TheKeyIsEncryptedUnderAKeyFileMadeBesideTheDatabase()
    {
        using var factory = new GutSkinFactory();
        await factory.SharedMemberAsync();

        var key = Assert.Single(factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToList()));
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", key, StringComparison.Ordinal);
        var keyFile = factory.Services.GetRequiredService<KeyFile>().Path;
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal(Path.GetDirectoryName(new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource), Path.GetDirectoryName(keyFile));
        }

        Assert.Equal(KeyFile.SecretBytes, Convert.FromBase64String(File.ReadAllText(keyFile)).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }
}

/// <summary>
/// The stolen backup: whoever holds a copy of the database, but not the key file beside it, can neither read a
/// login nor forge one. Shown with the app itself on the copy: a cookie and a bearer token the real site issued
/// are refused by an app on the copy with any other key file, and accepted with the same one. SQLite files
/// stand in for a dump: the same holds for a pg_dump restored elsewhere.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class StolenBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gutskin-stolen-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class CopyFactory(string databasePath, string? keyFile = null, Dictionary<string, string>? settings = null) : GutSkinFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:GutSkin", $"Data Source={databasePath}");
            // Where the app puts it by default; said here so a run with GUTSKIN_TEST_PROVIDER=Postgres keeps it there too.
            builder.UseSetting("DataProtection:KeyFile", keyFile ?? Path.Combine(Path.GetDirectoryName(databasePath)!, "keyring.key"));
            foreach (var (key, value) in settings ?? [])
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public async Task ABackupAlone_CannotReadTheSitesCookiesOrTokens_TheBackupWithTheKeyFileCan()
    {
        var live = Path.Combine(_folder, "site", "gutskin.db");
        using var site = new CopyFactory(live);
        var member = await site.MemberAsync();
        var cookie = await LoginCookieAsync(site, member.Email);
        var bearer = member.Client.DefaultRequestHeaders.Authorization!;
        Assert.Equal(HttpStatusCode.OK, await ProfileAsync(site, cookie, null));
        Assert.Equal(HttpStatusCode.OK, await ProfileAsync(site, null, bearer));
        var backup = await BackupAsync(site, "thief");
        var restored = await BackupAsync(site, "restore");

        // The thief's app on the copy makes a key file of its own, or brings one: either way not the site's.
        using var thief = new CopyFactory(backup);
        using var guesser = new CopyFactory(backup, WriteKeyFile("guessed.key"));
        foreach (var app in new[] { thief, guesser })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ProfileAsync(app, cookie, null));
            Assert.Equal(HttpStatusCode.Unauthorized, await ProfileAsync(app, null, bearer));
        }

        // A restore that brings the key file along keeps everyone signed in.
        using var owner = new CopyFactory(restored, Path.Combine(_folder, "site", "keyring.key"));
        Assert.Equal(HttpStatusCode.OK, await ProfileAsync(owner, cookie, null));
        Assert.Equal(HttpStatusCode.OK, await ProfileAsync(owner, null, bearer));
    }

    [Fact]
    public async Task KeysAnEarlierVersionStoredInTheClear_AreEncryptedAtStart_AndKeepServing()
    {
        var live = Path.Combine(_folder, "site", "gutskin.db");
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        var plainKey = await WritePlainKeyAsync(live);
        Assert.True(FileHolds(live, plainKey) || FileHolds(live + "-wal", plainKey), "The earlier version's key is not on disk: the test would prove nothing.");

        using var site = new CopyFactory(live);
        var member = await site.MemberAsync();
        var bearer = member.Client.DefaultRequestHeaders.Authorization!;

        var keys = site.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToList());
        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", key, StringComparison.Ordinal);
        Assert.False(FileHolds(live, plainKey) || FileHolds(live + "-wal", plainKey), "The database file still holds the key in the clear.");
        using var thief = new CopyFactory(await BackupAsync(site, "thief"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ProfileAsync(thief, null, bearer));
        Assert.Equal(HttpStatusCode.OK, await ProfileAsync(site, null, bearer));
    }

    [Fact]
    public async Task CommenterIpHashes_AreKeyedByTheKeyFile_NotByAnythingInTheBackup()
    {
        var address = IPAddress.Parse("203.0.113.9");
        using var site = new CopyFactory(Path.Combine(_folder, "site", "gutskin.db"));
        var stored = site.Services.GetRequiredService<IpHasher>().Hash(address);
        var backup = await BackupAsync(site, "thief");
        var restored = await BackupAsync(site, "restore");

        using var thief = new CopyFactory(backup);
        using var owner = new CopyFactory(restored, Path.Combine(_folder, "site", "keyring.key"));
        Assert.NotEqual(stored, thief.Services.GetRequiredService<IpHasher>().Hash(address));
        Assert.Equal(stored, owner.Services.GetRequiredService<IpHasher>().Hash(address));

        // Comments:IpHashKey still overrides the key file.
        const string Configured = "a configured ip hash key";
        using var configured = new CopyFactory(backup, settings: new() { ["Comments:IpHashKey"] = Configured });
        Assert.Equal(
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Configured), Encoding.UTF8.GetBytes("203.0.113.9"))),
            configured.Services.GetRequiredService<IpHasher>().Hash(address));
    }

    /// <summary>What the app stored before the key file: a database with one key whose master key is in the clear. Answers that key's base64 text.</summary>
    private static async Task<string> WritePlainKeyAsync(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<SqliteGutSkinDb>(o => o.UseSqlite($"Data Source={database}"));
        services.AddScoped<GutSkinDb>(sp => sp.GetRequiredService<SqliteGutSkinDb>());
        services.AddDataProtection().SetApplicationName("GutSkin").PersistKeysToDbContext<GutSkinDb>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<GutSkinDb>());
        }

        // Valid by the fake clock of the app and by the machine's, whichever data protection reads.
        provider.GetRequiredService<IKeyManager>().CreateNewKey(GutSkinFactory.Start.AddDays(-30), DateTimeOffset.UtcNow.AddDays(90));
        await using (var scope = provider.CreateAsyncScope())
        {
            var xml = XElement.Parse(scope.ServiceProvider.GetRequiredService<GutSkinDb>().DataProtectionKeys.Single().Xml!);
            return xml.Descendants("masterKey").Single().Element("value")!.Value;
        }
    }

    private string WriteKeyFile(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyFile.SecretBytes)));
        return path;
    }

    private async Task<string> BackupAsync(GutSkinFactory site, string name)
    {
        var target = Path.Combine(_folder, name, "gutskin.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        Assert.True(await Commands.RunAsync(site.Services, ["backup", target], new StringReader(""), stdout, stderr) == 0, stderr.ToString());
        return target;
    }

    private static async Task<string> LoginCookieAsync(GutSkinFactory site, string email)
    {
        var login = await site.CreateClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestSupport.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> ProfileAsync(GutSkinFactory app, string? cookie, AuthenticationHeaderValue? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/profile");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        request.Headers.Authorization = bearer;
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    private static bool FileHolds(string path, string text)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        file.CopyTo(memory);
        return memory.ToArray().AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
    }
}
