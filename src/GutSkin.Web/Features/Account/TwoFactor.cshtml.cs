using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: its state and the changes to it. Every change renews the
/// security stamp, which signs out every other session (see <see cref="SessionRevocation"/>); this one is renewed.
/// </summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SecurityNotices notices) : AccountPageModel(users)
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool DeviceRemembered { get; private set; }

    /// <summary>New recovery codes, shown once after they are made (kept in TempData for the one redirect).</summary>
    public string[]? RecoveryCodes { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? NewRecoveryCodes { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Enabled = await Users.GetTwoFactorEnabledAsync(Account);
        RecoveryCodesLeft = Enabled ? await Users.CountRecoveryCodesAsync(Account) : 0;
        DeviceRemembered = Enabled && await signIn.IsTwoFactorClientRememberedAsync(Account);
        RecoveryCodes = NewRecoveryCodes?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Page();
    }

    /// <summary>A fresh key every time setup starts, so a key shown before (and perhaps seen by someone else) is never enabled later.</summary>
    public Task<IActionResult> OnPostSetupAsync() => ChangeAsync(async user =>
    {
        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        await Users.ResetAuthenticatorKeyAsync(user);
        return RedirectToPage("TwoFactorSetup");
    });

    public Task<IActionResult> OnPostRecoveryCodesAsync() => ChangeAsync(async user =>
    {
        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount) ?? [];
        await Users.UpdateSecurityStampAsync(user);
        await notices.SendAsync(user.Email, SecurityEvent.RecoveryCodesRenewed, HttpContext);
        NewRecoveryCodes = string.Join(' ', codes);
        Message = "New recovery codes are made; the old ones no longer work.";
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostResetKeyAsync() => ChangeAsync(async user =>
    {
        var wasOn = await Users.GetTwoFactorEnabledAsync(user);
        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
        if (wasOn)
        {
            await notices.SendAsync(user.Email, SecurityEvent.AuthenticatorKeyReset, HttpContext);
        }

        return RedirectToPage("TwoFactorSetup");
    });

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync(async user =>
    {
        var wasOn = await Users.GetTwoFactorEnabledAsync(user);
        await Users.SetTwoFactorEnabledAsync(user, false);
        await signIn.ForgetTwoFactorClientAsync();
        if (wasOn)
        {
            await notices.SendAsync(user.Email, SecurityEvent.TwoFactorOff, HttpContext);
        }

        Message = "Two-factor sign-in is off. Logging in asks for your password only.";
        return RedirectToPage();
    });

    public async Task<IActionResult> OnPostForgetDeviceAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        Message = "This browser is forgotten: the next log-in here asks for a code.";
        return RedirectToPage();
    }

    /// <summary>Every change here needs a recent authentication: a stolen session alone cannot take over or switch off the second factor.</summary>
    private async Task<IActionResult> ChangeAsync(Func<AppUser, Task<IActionResult>> change)
    {
        if (this.ConfirmFirst("/account/two-factor") is { } confirm)
        {
            return confirm;
        }

        var result = await change(Account);
        // The change renewed the security stamp: keep this session, with the new stamp.
        await signIn.RefreshSignInAsync(Account);
        return result;
    }
}
