using System.Text;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// The one form in which e-mail addresses and user names are compared, made unique and throttled: NFKC, then
/// case-folded. Identity's default only upper-cases, so the Kelvin sign (U+212A) or a full-width "ｋ" stayed apart from
/// "k" while <c>ſ</c> (U+017F) fell onto "S": look-alikes could slip past the per-account limits and be mailed links.
/// </summary>
/// <remarks>
/// The fold is simple case folding (lower-case, then upper-case, so ς, σ and Σ meet); the result stays upper-case like
/// Identity's, so the rows written before (plain ASCII) keep their form and role names are unchanged.
/// </remarks>
public sealed class AddressNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Fold(name);

    public string? NormalizeEmail(string? email) => Fold(email);

    public static string? Fold(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var valid = ReplaceLoneSurrogates(text.Trim());
        return valid.Normalize(NormalizationForm.FormKC).ToLowerInvariant().ToUpperInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// Rewrites the stored forms written by an earlier normalizer, once per start. An account whose new form
    /// another account already holds keeps its old one (the older account wins) and is logged for the operator.
    /// </summary>
    public static async Task RenormalizeAsync(GutSkinDb db, ILookupNormalizer normalizer, ILogger logger, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, u.Email, u.NormalizedUserName, u.NormalizedEmail, u.CreatedAt })
            .ToListAsync(ct);
        var stale = users
            .Select(u => (User: u, Name: normalizer.NormalizeName(u.UserName), Email: normalizer.NormalizeEmail(u.Email)))
            .Where(x => x.Name != x.User.NormalizedUserName || x.Email != x.User.NormalizedEmail)
            .OrderBy(x => x.User.CreatedAt)
            .ToList();
        if (stale.Count == 0)
        {
            return;
        }

        var staleIds = stale.Select(x => x.User.Id).ToHashSet(StringComparer.Ordinal);
        var held = users.Where(u => !staleIds.Contains(u.Id))
            .SelectMany(u => new[] { u.NormalizedUserName, u.NormalizedEmail })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (user, name, email) in stale)
        {
            if ((name is not null && held.Contains(name)) || (email is not null && email != name && held.Contains(email)))
            {
                logger.LogWarning("Account {UserId} shares its normalized address with an older account; it keeps its old form and cannot sign in by address until one of them changes it", user.Id);
                continue;
            }

            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedUserName, name).SetProperty(u => u.NormalizedEmail, email), ct);
            held.UnionWith(new[] { name, email }.OfType<string>());
        }

        logger.LogInformation("Renormalized the addresses of {Count} account(s)", stale.Count);
    }

    /// <summary>
    /// A lone surrogate (possible in JSON) would make <see cref="string.Normalize()"/> throw: it becomes U+FFFD, as the
    /// rune enumerator reads it; text without surrogates is returned as it is.
    /// </summary>
    private static string ReplaceLoneSurrogates(string text) => text.Any(char.IsSurrogate) ? string.Concat(text.EnumerateRunes()) : text;
}
