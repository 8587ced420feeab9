using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>The data-protection keys in the database, encrypted to a certificate when one is configured.</summary>
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

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/account/profile")).StatusCode);
        var keys = factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToList());
        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACertificate_TheKeyIsStoredInTheClear()
    {
        // The risk docs/deploy.md names: whoever reads the table or a backup holds the key.
        using var factory = new GutSkinFactory();
        await factory.SharedMemberAsync();

        var key = Assert.Single(factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToList()));
        Assert.Contains("<value>", key, StringComparison.Ordinal);
    }
}
