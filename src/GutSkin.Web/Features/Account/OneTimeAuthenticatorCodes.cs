using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Identity's authenticator codes, each accepted once (OWASP ASVS 2.8.4): Identity alone takes the same code again
/// for as long as it is valid (up to 2½ minutes), so one seen over a shoulder or in a phishing page's log could be
/// replayed. The codes accepted within that span are kept with the user, and are refused a second time.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(TimeProvider time) : AuthenticatorTokenProvider<AppUser>
{
    public const string ProviderName = "GutSkinAuthenticator";

    private const string Store = "GutSkin";
    private const string UsedCodes = "UsedAuthenticatorCodes";

    /// <summary>Identity accepts codes from two 30-second steps before to two after the current one.</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(3);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        // Identity parses the code as a number, so "0548906", "+548906" or " 548906" would each pass as another, unused code.
        if (!Authenticator.IsWellFormedCode(token) || !await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }

        var now = time.GetUtcNow();
        // "code@unix-seconds" entries, only those still within the span.
        var used = (await manager.GetAuthenticationTokenAsync(user, Store, UsedCodes) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('@'))
            .Where(p => p.Length == 2 && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                && now - DateTimeOffset.FromUnixTimeSeconds(at) < Validity)
            .ToList();
        if (used.Any(p => string.Equals(p[0], token, StringComparison.Ordinal)))
        {
            return false;
        }

        used.Add([token, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]);
        // Saved with the user's concurrency stamp: of two requests racing with one code, only one succeeds.
        return (await manager.SetAuthenticationTokenAsync(user, Store, UsedCodes, string.Join(' ', used.Select(p => $"{p[0]}@{p[1]}")))).Succeeded;
    }
}
