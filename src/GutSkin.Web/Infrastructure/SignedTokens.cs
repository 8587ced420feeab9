using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace GutSkin.Web.Infrastructure;

public static class SignedTokens
{
    /// <summary>What this app protected with <paramref name="protector"/>; null for a missing, oversized, forged or damaged token alike.</summary>
    public static string? TryUnprotect(this IDataProtector protector, string? token, int maxLength = 2000)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > maxLength)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
