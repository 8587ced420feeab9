using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Data-protection keys (they sign and encrypt the login cookie, bearer tokens, antiforgery tokens and mail
/// links) live in the database so every instance shares them, and are stored there encrypted: under the
/// <see cref="KeyFile"/> by default, or to the certificate in <c>DataProtection:CertificatePath</c> when one is
/// set (<c>DataProtection:PreviousCertificatePath</c> keeps keys encrypted to the certificate before it readable
/// while it is being replaced). Either way a copy of the database alone cannot forge a login.
/// </summary>
public static class KeyProtection
{
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    public static IDataProtectionBuilder AddGutSkinDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new KeyFile(KeyFile.PathFor(configuration)));
        var builder = services.AddDataProtection().SetApplicationName("GutSkin").PersistKeysToDbContext<GutSkinDb>();
        var section = configuration.GetSection("DataProtection");
        if (Load(section["CertificatePath"], section["CertificatePassword"]) is { } current)
        {
            var previous = Load(section["PreviousCertificatePath"], section["PreviousCertificatePassword"]);
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(previous is null ? [current] : [current, previous]);
        }
        else
        {
            services.AddOptions<KeyManagementOptions>().Configure<KeyFile>((options, keyFile) => options.XmlEncryptor = new KeyFileXmlEncryptor(keyFile));
        }

        return builder;
    }

    /// <summary>
    /// Encrypts the keys an earlier version stored in the clear, with whatever encrypts new keys, and scrubs the
    /// plain text from the database file. Runs under the start-up lock, before the key ring is first read. Backups
    /// taken before still hold those keys in the clear: docs/deploy.md says what to do about them.
    /// </summary>
    public static async Task EncryptStoredPlainKeysAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        var db = services.GetRequiredService<GutSkinDb>();
        if (services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor is not { } encryptor)
        {
            return;
        }

        var encrypted = 0;
        foreach (var key in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(ct))
        {
            var element = XElement.Parse(key.Xml!);
            var plain = element.Descendants().Where(e => (bool?)e.Attribute(DataProtectionNamespace + "requiresEncryption") == true).ToList();
            foreach (var secret in plain)
            {
                var info = encryptor.Encrypt(secret);
                secret.ReplaceWith(new XElement(
                    DataProtectionNamespace + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                    info.EncryptedElement));
            }

            if (plain.Count > 0)
            {
                key.Xml = element.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }

        if (encrypted == 0)
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        await ErasedData.ScrubAsync(db, [db.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName()!], rewrite: true, logger, ct);
        logger.LogWarning(
            "Encrypted {Count} data-protection key(s) that an earlier version stored in the clear; backups taken before today still hold them (see docs/deploy.md)",
            encrypted);
    }

    private static X509Certificate2? Load(string? path, string? password) =>
        string.IsNullOrWhiteSpace(path)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
}
