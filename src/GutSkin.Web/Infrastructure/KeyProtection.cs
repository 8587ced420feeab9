using System.Security.Cryptography.X509Certificates;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Data-protection keys (they sign and encrypt the login cookie, bearer tokens, antiforgery tokens and mail
/// links) live in the database so every instance shares them. Without a certificate they are stored there in
/// plain XML: anyone who can read the table or a backup can forge a login. With <c>DataProtection:CertificatePath</c>
/// each new key is encrypted to that certificate; <c>DataProtection:PreviousCertificatePath</c> keeps keys
/// encrypted to the certificate before it readable while it is being replaced.
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder AddGutSkinDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("GutSkin").PersistKeysToDbContext<GutSkinDb>();
        var section = configuration.GetSection("DataProtection");
        if (Load(section["CertificatePath"], section["CertificatePassword"]) is { } current)
        {
            var readable = new List<X509Certificate2> { current };
            if (Load(section["PreviousCertificatePath"], section["PreviousCertificatePassword"]) is { } previous)
            {
                readable.Add(previous);
            }

            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. readable]);
        }

        return builder;
    }

    private static X509Certificate2? Load(string? path, string? password) =>
        string.IsNullOrWhiteSpace(path)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
}
