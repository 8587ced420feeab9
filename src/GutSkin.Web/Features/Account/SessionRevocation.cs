using System.Security.Claims;
using GutSkin.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Every signed-in request checks that its session (see <see cref="AccountSession"/>) is alive and that the
/// account's security stamp is still the one in the cookie or token: log-out, "sign out that device", a reused
/// refresh token, a new password, a password reset, a two-factor change or erasure stop it on its next request,
/// on every instance.
/// </summary>
/// <remarks>
/// Identity's own validator with <c>ValidationInterval = 0</c> would check the stamp too, but it rebuilds the whole
/// principal (user, roles and claims: several queries) and re-issues the cookie on every response, and it does
/// nothing for bearer tokens. Here each request costs one read by primary key (the session joined to its user) and
/// a write of last-seen at most once a minute; Identity's validator keeps its 30-minute interval for refreshing
/// roles. docs/performance.md has the measurement.
/// </remarks>
public static class SessionRevocation
{
    /// <summary>Endpoint metadata: the same answer for everyone (static files), so no session read for it.</summary>
    public static readonly object NotPersonal = new NotPersonalMarker();

    public static void Configure(IServiceCollection services)
    {
        RejectCookieUnless(services, IdentityConstants.ApplicationScheme, async context =>
            context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<NotPersonalMarker>() is not null
            || await CheckAsync(context.HttpContext, context.Principal));

        // "Remember this device" skips the code only until the member changes their password or two-factor settings.
        // This cookie carries the user id as its name claim, and belongs to no session.
        RejectCookieUnless(services, IdentityConstants.TwoFactorRememberMeScheme, context =>
            StampIsCurrentAsync(context.HttpContext, context.Principal, ClaimTypes.Name));

        // The bearer handler has no validation event after it opens a token: open it here first and check its session.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
            o.Events.OnMessageReceived = async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.Ordinal)
                    && context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..]) is { } ticket
                    && !await CheckAsync(context.HttpContext, ticket.Principal))
                {
                    context.Fail("The token was revoked: its session ended, or the account's password or sign-in settings changed, or the account was erased.");
                }
            });
    }

    /// <summary>The cookie of <paramref name="scheme"/> is refused (and deleted) unless <paramref name="valid"/>; then Identity's own check runs.</summary>
    private static void RejectCookieUnless(IServiceCollection services, string scheme, Func<CookieValidatePrincipalContext, Task<bool>> valid) =>
        services.Configure<CookieAuthenticationOptions>(scheme, o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (!await valid(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(scheme);
                    return;
                }

                await identityValidator(context);
            };
        });

    /// <summary>
    /// Whether the principal's session is alive and its security stamp current; when so, the session becomes the
    /// request's <see cref="CurrentSession"/> (for log-out and recent authentication, with no second read).
    /// </summary>
    public static async Task<bool> CheckAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        // A cookie or token without a session (issued before sessions were kept) is refused: it could not be ended.
        var sessionId = principal?.FindFirstValue(SessionClaims.Session);
        if (id is null || stamp is null || sessionId is null)
        {
            return false;
        }

        var session = await http.RequestServices.GetRequiredService<AccountSessions>().CheckAsync(sessionId, id, stamp, http.RequestAborted);
        if (session is null)
        {
            return false;
        }

        http.Features.Set(session);
        return true;
    }

    /// <summary>Whether the principal's security stamp is the account's current one (false when the account is gone).</summary>
    public static async Task<bool> StampIsCurrentAsync(HttpContext http, ClaimsPrincipal? principal, string? userIdClaim)
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

    /// <summary>
    /// For Identity's /refresh: a refresh token is good once. A valid one is exchanged for the next of its session;
    /// one used before ends its session, and with it every token of the chain (the thief's and the owner's).
    /// </summary>
    public static async ValueTask<object?> RotateRefreshTokens(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.Value!.EndsWith("/refresh", StringComparison.OrdinalIgnoreCase)
            || context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { } request)
        {
            return await next(context);
        }

        var protector = http.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        if (protector.Unprotect(request.RefreshToken)?.Principal is not { } principal)
        {
            // Identity refuses it in its own words.
            return await next(context);
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal.FindFirstValue(SessionClaims.Session);
        var tokenId = principal.FindFirstValue(SessionClaims.RefreshToken);
        var rotated = userId is null || sessionId is null || tokenId is null
            ? null
            : await http.RequestServices.GetRequiredService<AccountSessions>().RotateRefreshTokenAsync(sessionId, userId, tokenId, http.RequestAborted);
        if (rotated is null)
        {
            return TypedResults.Challenge();
        }

        // Identity builds the new principal next; the sign-in manager puts this session and its new token id in it.
        http.Features.Set(rotated);
        return await next(context);
    }

    private sealed class NotPersonalMarker;
}
