using System.Security.Claims;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Revokes every login cookie and bearer token issued before a member's security stamp changed (new password,
/// password reset, two-factor changes, erasure) on their very next request, on every instance.
/// </summary>
/// <remarks>
/// Identity's own validator with <c>ValidationInterval = 0</c> would do it too, but it rebuilds the whole principal
/// (user, roles and claims: several queries) and re-issues the cookie on every response, and it does nothing for
/// bearer tokens. Here each request costs one primary-key read of the stamp; Identity's validator keeps its
/// 30-minute interval for refreshing roles. docs/performance.md has the measurement.
/// </remarks>
public static class SessionRevocation
{
    /// <summary>Endpoint metadata: the same answer for everyone (static files), so no stamp read for it.</summary>
    public static readonly object NotPersonal = new NotPersonalMarker();

    public static void Configure(IServiceCollection services)
    {
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<NotPersonalMarker>() is null
                    && !await IsCurrentAsync(context.HttpContext, context.Principal, userIdClaim: null))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await identityValidator(context);
            };
        });

        // "Remember this device" skips the code only until the member changes their password or two-factor settings.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                // This cookie carries the user id as its name claim.
                if (!await IsCurrentAsync(context.HttpContext, context.Principal, ClaimTypes.Name))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
                    return;
                }

                await identityValidator(context);
            };
        });

        // The bearer handler has no validation event after it opens a token: open it here first and check its stamp.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
            o.Events.OnMessageReceived = async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    return;
                }

                var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..]);
                if (ticket is not null && !await IsCurrentAsync(context.HttpContext, ticket.Principal, userIdClaim: null))
                {
                    context.Fail("The token was revoked: the account's password or sign-in settings changed, or the account was erased.");
                }
            });
    }

    /// <summary>Whether the principal's security stamp is the account's current one (false when the account is gone).</summary>
    public static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal? principal, string? userIdClaim)
    {
        var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal?.FindFirstValue(userIdClaim ?? claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        var db = http.RequestServices.GetRequiredService<GutSkinDb>();
        var current = await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted);
        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }

    private sealed class NotPersonalMarker;
}
