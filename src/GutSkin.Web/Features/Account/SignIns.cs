using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// The hash an unknown address's password is checked against: a random password hashed once per app by the app's own
/// hasher, so its settings (iterations, PRF) are those of every member's hash.
/// </summary>
public sealed class UnknownAccountHash
{
    private string? _hash;

    public string Get(IPasswordHasher<AppUser> hasher) => _hash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
}

/// <summary>
/// Identity's sign-in with three changes, for the pages and /api/auth alike: an unknown address costs the same
/// password hashing as a wrong password (log-in timings do not tell who has an account); the password is checked
/// before anything else about the account, so an unconfirmed or otherwise barred account answers only to its right
/// password; every successful sign-in marks the device as known to that account (<see cref="KnownDevices"/>); and
/// every sign-in starts a server-side session (the log-in page, the two-factor steps, /api/auth/login with a cookie or
/// bearer tokens, a confirmation link), whose id every login cookie and bearer token it issues carries. A cookie
/// re-issued after a change of the account (RefreshSignInAsync) stays in its session.
/// </summary>
public sealed class GutSkinSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    KnownDevices devices,
    UnknownAccountHash unknownAccount)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _continuing;

    /// <summary>The log-in forms ask for the e-mail address, which is also the user name.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByEmailAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        // A hash of a random password made with the same settings: the same work as checking a real one.
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), unknownAccount.Get(UserManager.PasswordHasher), password);
        return SignInResult.Failed;
    }

    /// <summary>The password first, whatever the account's state; there is no lock-out (see <see cref="GutSkinUserManager"/>).</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure) =>
        await UserManager.CheckPasswordAsync(user, password) ? await PreSignInCheck(user) ?? SignInResult.Success : SignInResult.Failed;

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

        // Before the sign-in: a bearer sign-in writes the token as the response body, after which no cookie can be set.
        devices.Remember(Context, user.Id);
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

/// <summary>
/// Identity's user manager without lock-out: five wrong passwords used to lock any account for 15 minutes, again and
/// again, so whoever knew an address could keep its owner out. Guessing is limited by <see cref="AccountThrottle"/>
/// instead, per client address, and per account only for devices that have not signed in to it before.
/// </summary>
public sealed class GutSkinUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override bool SupportsUserLockout => false;
}
