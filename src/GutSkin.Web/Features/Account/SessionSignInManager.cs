using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Identity's sign-in manager, with a server-side session behind every sign-in: the log-in page, the two-factor
/// steps, /api/auth/login (cookie or bearer) and registration each start one, and every login cookie and bearer
/// token it issues carries that session's id. A cookie re-issued after a change of the account (RefreshSignInAsync)
/// stays in its session.
/// </summary>
public sealed class SessionSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _continuing;

    public override async Task RefreshSignInAsync(AppUser user)
    {
        _continuing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _continuing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var sessions = Context.RequestServices.GetRequiredService<AccountSessions>();
        var current = Context.Features.Get<CurrentSession>();
        if (_continuing && current is not null && current.UserId == user.Id)
        {
            await sessions.ContinueAsync(current, user.SecurityStamp ?? "");
        }
        else
        {
            var bearer = AuthenticationScheme == IdentityConstants.BearerScheme;
            if (!bearer && current is not null)
            {
                // This browser signs in anew: its old cookie is replaced, so its old session ends.
                await sessions.RevokeAsync(current.UserId, current.Id);
            }

            var persistent = bearer || authenticationProperties?.IsPersistent == true;
            Context.Features.Set(await sessions.StartAsync(user, bearer ? SessionKind.Token : SessionKind.Browser, persistent, Context.Request.Headers.UserAgent.ToString()));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>Every principal made for the request's own member carries the request's session (and, for tokens, the refresh token's id).</summary>
    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(AppUser user)
    {
        var principal = await base.CreateUserPrincipalAsync(user);
        if (Context.Features.Get<CurrentSession>() is { } session && session.UserId == user.Id
            && principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaims.Session, session.Id));
            if (session.RefreshTokenId is { } tokenId)
            {
                identity.AddClaim(new Claim(SessionClaims.RefreshToken, tokenId));
            }
        }

        return principal;
    }
}
