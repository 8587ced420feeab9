using System.Buffers.Text;
using System.Security.Cryptography;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Push;

/// <summary>The VAPID key pair as the push library takes it: both halves base64url.</summary>
public sealed record VapidKeyPair(string PublicKey, string PrivateKey);

/// <summary>
/// The site's VAPID keys (RFC 8292): made by the first instance to start on a database, read by every other. The row
/// has a fixed id, so when two instances make a pair at the same moment the database keeps one and the other instance
/// reads it back. The private key is stored protected by data protection, the key ring every instance shares.
/// </summary>
public sealed class VapidKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "GutSkin.Push.VapidPrivateKey.v1";

    private VapidKeyPair? _keys;

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>The key pair, read once from the database (made there first when missing; two first calls at once read the same row).</summary>
    public async Task<VapidKeyPair> GetAsync(CancellationToken ct)
    {
        if (_keys is { } known)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        return _keys = await EnsureAsync(scope.ServiceProvider.GetRequiredService<GutSkinDb>(), ct);
    }

    /// <summary>
    /// At start: makes and stores a pair when there is none, without reading a stored one, so an instance whose key ring
    /// cannot unprotect it (a copy of the database without the key file) still starts; it just cannot push.
    /// </summary>
    public async Task CreateIfMissingAsync(GutSkinDb db, CancellationToken ct)
    {
        if (!await db.Set<VapidKeyRow>().AnyAsync(k => k.Id == VapidKeyRow.TheOnlyId, ct))
        {
            await EnsureAsync(db, ct);
        }
    }

    /// <summary>Reads the stored pair, or makes and stores one when there is none; whoever stored first wins.</summary>
    public async Task<VapidKeyPair> EnsureAsync(GutSkinDb db, CancellationToken ct)
    {
        if (await ReadAsync(db, ct) is { } stored)
        {
            return stored;
        }

        var (publicKey, privateKey) = NewKeyPair();
        db.Set<VapidKeyRow>().Add(new VapidKeyRow
        {
            Id = VapidKeyRow.TheOnlyId,
            PublicKey = publicKey,
            ProtectedPrivateKey = Protector.Protect(privateKey),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return new VapidKeyPair(publicKey, privateKey);
        }
        catch (DbUpdateException)
        {
            // Another instance stored its pair first: that one is the site's.
            db.ChangeTracker.Clear();
            return await ReadAsync(db, ct) ?? throw new InvalidOperationException("The VAPID keys could be neither stored nor read.");
        }
    }

    private async Task<VapidKeyPair?> ReadAsync(GutSkinDb db, CancellationToken ct)
    {
        var row = await db.Set<VapidKeyRow>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == VapidKeyRow.TheOnlyId, ct);
        return row is null ? null : new VapidKeyPair(row.PublicKey, Protector.Unprotect(row.ProtectedPrivateKey));
    }

    /// <summary>A new P-256 pair: the uncompressed public point (0x04, x, y) and the private scalar, base64url.</summary>
    private static (string PublicKey, string PrivateKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
            return (Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D!));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
