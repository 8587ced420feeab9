using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Identity's sign-in with three changes, for the pages and /api/auth alike: an unknown address costs the same
/// password hashing as a wrong password (log-in timings do not tell who has an account); the password is checked
/// before anything else about the account, so an unconfirmed or otherwise barred account answers only to its right
/// password; and every successful sign-in marks the device as known to that account (<see cref="KnownDevices"/>).
/// </summary>
public sealed class GutSkinSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    KnownDevices devices)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;

    /// <summary>The log-in forms ask for the e-mail address, which is also the user name.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByEmailAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        // A hash of a random password made with the same settings: the same work as checking a real one.
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
        return SignInResult.Failed;
    }

    /// <summary>The password first, whatever the account's state; there is no lock-out (see <see cref="GutSkinUserManager"/>).</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Failed;
        }

        return await PreSignInCheck(user) ?? SignInResult.Success;
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        // Before the sign-in: a bearer sign-in writes the token as the response body, after which no cookie can be set.
        devices.Remember(Context, user.Id);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
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
