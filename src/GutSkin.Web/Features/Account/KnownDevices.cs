using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// A signed cookie naming the accounts that have signed in on this browser (or app) before. Log-in attempts from a
/// known device skip the per-account limit, so a stranger who floods an address with wrong passwords slows only
/// other strangers: the owner, on a device they have used, gets in at once.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "gutskin.device";

    private const int MaxAccounts = 5;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly IDataProtector _protector = protection.CreateProtector("GutSkin.Account.KnownDevice.v1");

    /// <summary>The user ids this device has signed in as, most recent first (none for a missing, forged or expired cookie).</summary>
    public IReadOnlyList<string> Accounts(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return [];
        }

        try
        {
            // "issued-unix-seconds id id ..."
            var parts = _protector.Unprotect(cookie).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
                && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) < Lifetime
                    ? parts[1..]
                    : [];
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return [];
        }
    }

    /// <summary>Adds the account to this device's cookie (called at every successful sign-in).</summary>
    public void Remember(HttpContext http, string userId)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var accounts = Accounts(http).Where(id => id != userId).Prepend(userId).Take(MaxAccounts);
        var now = time.GetUtcNow();
        var value = _protector.Protect($"{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} {string.Join(' ', accounts)}");
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = now + Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Whether this device has signed in before as the account with <paramref name="email"/>.</summary>
    public async Task<bool> IsKnownAsync(HttpContext http, string email)
    {
        var accounts = Accounts(http);
        return accounts.Count > 0 && await http.RequestServices.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) is { } user
            && accounts.Contains(user.Id, StringComparer.Ordinal);
    }
}
