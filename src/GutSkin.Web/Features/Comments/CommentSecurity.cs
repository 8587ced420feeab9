using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Keyed hash of a commenter's IP address (HMAC-SHA256): equal addresses can be matched for duplicates and
/// rate questions, but the address itself is never stored. The key comes from Comments:IpHashKey, or else is
/// derived from the key file (<see cref="KeyFile"/>), never kept in the database beside the hashes: with the
/// key, the 2^32 IPv4 addresses would be a minute's work to test against a stolen table.
/// </summary>
public sealed class IpHasher(KeyFile keyFile, IOptions<CommentOptions> options)
{
    private readonly Lazy<byte[]> _key = new(() => options.Value.IpHashKey is { Length: >= 16 } configured
        ? Encoding.UTF8.GetBytes(configured)
        : keyFile.Derive("GutSkin.Comments.IpHash.v1"));

    public string? Hash(IPAddress? address) =>
        address is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(Plain(address).ToString())));

    /// <summary>An IPv4 address written as IPv6 (::ffff:192.0.2.1) as the IPv4 address it is, so both forms match.</summary>
    public static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
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
    public TimeSpan? Age(string? stamp, int articleId) =>
        _protector.TryUnprotect(stamp)?.Split(':') is [var article, var issued] && article == articleId.ToString(CultureInfo.InvariantCulture)
            && long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                ? time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
}

public static class SiteSettingsStore
{
    /// <summary>The one settings row, created with the defaults (moderated, empty blocklist) when missing.</summary>
    public static async Task<SiteSettings> GetAsync(GutSkinDb db, CancellationToken ct)
    {
        if (await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, ct) is { } settings)
        {
            return settings;
        }

        settings = new SiteSettings { Id = SiteSettings.SingletonId, CommentPolicy = CommentPolicy.Moderated, Blocklist = "" };
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
