using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Data.Sqlite;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// The app's secret kept outside the database: 256 random bits, base64, in <c>DataProtection:KeyFile</c> (by
/// default <c>keyring.key</c> beside a SQLite database, else <c>data/keyring.key</c>), made on first use with
/// mode 0600. It encrypts the data-protection keys stored in the database and keys the hash of commenters' IP
/// addresses, so a copy of the database alone (a dump, a backup) can neither forge a login nor test IP addresses
/// against the stored hashes. Instances that share a database share this file.
/// </summary>
public sealed class KeyFile
{
    public const int SecretBytes = 32;

    private readonly Lazy<byte[]> _secret;

    public KeyFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _secret = new Lazy<byte[]>(LoadOrCreate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    /// <summary>Names the secret without revealing it, so a key encrypted under another file can say so.</summary>
    public string Fingerprint => Convert.ToHexStringLower(Derive("GutSkin.KeyFile.Fingerprint.v1", 8));

    /// <summary>The configured path, or <c>keyring.key</c> beside a SQLite database file, or <c>data/keyring.key</c>.</summary>
    public static string PathFor(IConfiguration configuration)
    {
        if (configuration["DataProtection:KeyFile"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (DatabaseSetup.Provider(configuration) == DatabaseProvider.Sqlite)
        {
            var connection = configuration.GetConnectionString("GutSkin") is { Length: > 0 } c ? c : DatabaseSetup.DefaultSqlite;
            if (StartupLock.SqliteLockFile(connection) is not null)
            {
                var database = System.IO.Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource);
                return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(database)!, "keyring.key");
            }
        }

        return System.IO.Path.Combine("data", "keyring.key");
    }

    /// <summary>A key for one purpose (HKDF-SHA256): each use of the secret gets its own.</summary>
    public byte[] Derive(string purpose, int length = SecretBytes) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret.Value, length, info: Encoding.UTF8.GetBytes(purpose));

    private byte[] LoadOrCreate()
    {
        if (!File.Exists(Path))
        {
            Create();
        }

        var text = File.ReadAllText(Path).Trim();
        var secret = new byte[SecretBytes];
        if (!Convert.TryFromBase64String(text, secret, out var written) || written != SecretBytes)
        {
            throw new InvalidOperationException(
                $"DataProtection:KeyFile {Path} does not hold a key: it must be {SecretBytes} random bytes in base64 (openssl rand -base64 {SecretBytes}).");
        }

        return secret;
    }

    /// <summary>Written beside the target and moved into place without overwriting, so two processes starting together end up with one key.</summary>
    private void Create()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        OwnerOnlyFiles.CreateDirectory(folder);
        var partial = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = OwnerOnlyFiles.CreateNew(partial))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)) + "\n"));
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, Path, overwrite: false);
        }
        catch (IOException) when (File.Exists(Path))
        {
            // Another process made it first: everyone uses that one.
        }
        finally
        {
            File.Delete(partial);
        }
    }
}

/// <summary>
/// Encrypts a data-protection key before it is stored: AES-256-GCM under a key derived from the <see cref="KeyFile"/>.
/// The stored element names the key file's fingerprint, so one encrypted under another file is reported as such.
/// </summary>
public sealed class KeyFileXmlEncryptor(KeyFile keyFile) : IXmlEncryptor
{
    internal const string Purpose = "GutSkin.DataProtection.KeyRing.v1";

    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes(Purpose);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var key = keyFile.Derive(Purpose);
        try
        {
            var sealedBox = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + plaintext.Length];
            var nonce = sealedBox.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
            var tag = sealedBox.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, tag.Length);
            aes.Encrypt(nonce, plaintext, sealedBox.AsSpan(nonce.Length + tag.Length), tag, AssociatedData);
            var encrypted = new XElement("keyFileEncrypted",
                new XComment(" AES-256-GCM under the key in DataProtection:KeyFile; value is nonce, tag, ciphertext "),
                new XElement("keyFile", keyFile.Fingerprint),
                new XElement("value", Convert.ToBase64String(sealedBox)));
            return new EncryptedXmlInfo(encrypted, typeof(KeyFileXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
        }
    }
}

/// <summary>Reads what <see cref="KeyFileXmlEncryptor"/> wrote; made by data protection's activator, hence the service-provider constructor.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyFile = services.GetRequiredService<KeyFile>();
        var fingerprint = (string?)encryptedElement.Element("keyFile");
        if (!string.Equals(fingerprint, keyFile.Fingerprint, StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"This data-protection key was encrypted under another key file (fingerprint {fingerprint}) than {keyFile.Path} (fingerprint {keyFile.Fingerprint}). " +
                "Instances that share a database need the same DataProtection:KeyFile.");
        }

        var sealedBox = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var nonceLength = AesGcm.NonceByteSizes.MaxSize;
        var tagLength = AesGcm.TagByteSizes.MaxSize;
        if (sealedBox.Length < nonceLength + tagLength)
        {
            throw new CryptographicException("The encrypted data-protection key is truncated.");
        }

        var plaintext = new byte[sealedBox.Length - nonceLength - tagLength];
        var key = keyFile.Derive(KeyFileXmlEncryptor.Purpose);
        try
        {
            using var aes = new AesGcm(key, tagLength);
            aes.Decrypt(sealedBox.AsSpan(0, nonceLength), sealedBox.AsSpan(nonceLength + tagLength), sealedBox.AsSpan(nonceLength, tagLength), plaintext, KeyFileXmlEncryptor.AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
