using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Keyed hash of a commenter's IP address (HMAC-SHA256): equal addresses can be matched for duplicates and
/// rate questions, but the address itself is never stored. The key comes from Comments:IpHashKey, or else
/// from a random key made once and kept in the site settings.
/// </summary>
public sealed class IpHasher(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private byte[]? _key;

    public async Task<string?> HashAsync(System.Net.IPAddress? address, CancellationToken ct)
    {
        if (address is null)
        {
            return null;
        }

        var key = _key ??= await LoadKeyAsync(ct);
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalized.ToString())));
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        if (configuration["Comments:IpHashKey"] is { Length: >= 16 } configured)
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutSkinDb>();
        var settings = await SiteSettingsStore.GetAsync(db, ct);
        return Convert.FromBase64String(settings.IpHashKey);
    }
}

/// <summary>
/// The comment form carries the moment it was served, signed, so a form sent back sooner than a person
/// could type is recognised, and a forged or missing stamp too.
/// </summary>
public sealed class FormStamp(IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("GutSkin.Comments.FormStamp.v1");

    public string Issue(int articleId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{articleId}:{time.GetUtcNow().ToUnixTimeMilliseconds()}"));

    /// <summary>How long ago the form was served; null when the stamp is missing, forged or for another article.</summary>
    public TimeSpan? Age(string? stamp, int articleId)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(stamp).Split(':');
            if (parts.Length != 2 || parts[0] != articleId.ToString(CultureInfo.InvariantCulture)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            {
                return null;
            }

            return time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

public static class SiteSettingsStore
{
    /// <summary>The one settings row, created with the defaults (moderated, empty blocklist, a fresh IP key) when missing.</summary>
    public static async Task<SiteSettings> GetAsync(GutSkinDb db, CancellationToken ct)
    {
        if (await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, ct) is { } settings)
        {
            return settings;
        }

        settings = new SiteSettings
        {
            Id = SiteSettings.SingletonId,
            CommentPolicy = CommentPolicy.Moderated,
            Blocklist = "",
            IpHashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        db.SiteSettings.Add(settings);
        try
        {
            await db.SaveChangesAsync(ct);
            return settings;
        }
        catch (DbUpdateException)
        {
            // Another request created it first: use theirs, so every hash shares one key.
            db.Entry(settings).State = EntityState.Detached;
            return await db.SiteSettings.FirstAsync(s => s.Id == SiteSettings.SingletonId, ct);
        }
    }
}
