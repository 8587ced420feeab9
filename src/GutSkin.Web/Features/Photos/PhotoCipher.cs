using System.Security.Cryptography;
using System.Text;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// Seals photo bytes with AES-256-GCM under the member's own random key (a fresh 96-bit nonce each time, the photo id
/// and size as associated data, so sealed bytes cannot be swapped between photos). The key is stored only protected
/// by the data-protection key ring: a copy of the database alone shows no image. Layout: nonce, tag, ciphertext.
/// </summary>
public sealed class PhotoCipher(GutSkinDb db, IDataProtectionProvider protection)
{
    public const string Purpose = "GutSkin.Photos.MemberKey.v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    public async Task<byte[]> SealAsync(string userId, string photoId, PhotoSize size, byte[] plain, CancellationToken ct)
    {
        using var aes = new AesGcm(await KeyAsync(userId, ct), TagBytes);
        var result = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = result.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, result.AsSpan(NonceBytes + TagBytes), result.AsSpan(NonceBytes, TagBytes), Associated(photoId, size));
        return result;
    }

    public async Task<byte[]> OpenAsync(string userId, string photoId, PhotoSize size, byte[] sealedBytes, CancellationToken ct)
    {
        using var aes = new AesGcm(await KeyAsync(userId, ct), TagBytes);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, Associated(photoId, size));
        return plain;
    }

    public Task EraseMemberAsync(string userId, CancellationToken ct) =>
        db.MemberPhotoKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(ct);

    private static byte[] Associated(string photoId, PhotoSize size) => Encoding.ASCII.GetBytes($"{photoId}/{(int)size}");

    /// <summary>The member's key, made on their first photo (a second instance making one at the same moment loses and reads the winner's).</summary>
    private async Task<byte[]> KeyAsync(string userId, CancellationToken ct)
    {
        if (await db.MemberPhotoKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId, ct) is { } found)
        {
            return Protector.Unprotect(found.ProtectedKey);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var row = db.MemberPhotoKeys.Add(new MemberPhotoKey { UserId = userId, ProtectedKey = Protector.Protect(key) });
        try
        {
            await db.SaveChangesAsync(ct);
            return key;
        }
        catch (DbUpdateException)
        {
            var winner = await db.MemberPhotoKeys.AsNoTracking().FirstAsync(k => k.UserId == userId, ct);
            return Protector.Unprotect(winner.ProtectedKey);
        }
        finally
        {
            row.State = EntityState.Detached;
        }
    }
}
