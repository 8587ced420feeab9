using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

public enum Reauthentication
{
    Confirmed,
    WrongPassword,
    CodeNeeded,
    WrongCode,
}

/// <summary>
/// "Sudo mode": showing or resetting the authenticator key, new recovery codes, turning two-factor sign-in off,
/// a new e-mail address, erasure and the full export need the password (and, with two-factor sign-in on, a code)
/// given within the last 10 minutes in the same session, so a stolen cookie or token alone cannot do them.
/// Signing in counts; so does confirming on /account/confirm-it-is-you or POST /api/account/reauthenticate.
/// </summary>
public static class RecentAuthentication
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public const string RequiredTitle = "Re-authentication required";

    public const int MaxSecretLength = 1000;

    public static bool IsRecent(HttpContext http) =>
        http.Features.Get<CurrentSession>() is { } session
        && http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - session.AuthenticatedAt < Window;

    /// <summary>The 403 a sensitive API call gets without a recent authentication.</summary>
    public static ProblemHttpResult Required() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: RequiredTitle,
        detail: "Confirm it is you first: POST /api/account/reauthenticate with your password (and a code from your authenticator app or a recovery code when two-factor sign-in is on), then repeat this request within 10 minutes.",
        extensions: new Dictionary<string, object?> { ["reauthenticate"] = "/api/account/reauthenticate" });

    /// <summary>Endpoint filter: the call goes ahead only after a recent authentication in this session.</summary>
    public static TBuilder RequireRecentAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) => IsRecent(context.HttpContext) ? await next(context) : Required());
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }

    /// <summary>For a page: null when the session is recently authenticated, else a redirect to "confirm it's you" that comes back to <paramref name="returnUrl"/>.</summary>
    public static IActionResult? ConfirmFirst(this PageModel page, string returnUrl) =>
        IsRecent(page.HttpContext) ? null : page.RedirectToPage("/Account/Confirm", new { returnUrl });

    /// <summary>The password, then (two-factor sign-in on) an authenticator code of exactly 6 digits or an unused recovery code.</summary>
    public static async Task<Reauthentication> VerifyAsync(UserManager<AppUser> users, AppUser user, string? password, string? code)
    {
        if (string.IsNullOrEmpty(password) || password.Length > MaxSecretLength || !await users.CheckPasswordAsync(user, password))
        {
            return Reauthentication.WrongPassword;
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return Reauthentication.Confirmed;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Reauthentication.CodeNeeded;
        }

        if (Authenticator.IsWellFormedCode(code))
        {
            return await Authenticator.VerifyAsync(users, user, code) ? Reauthentication.Confirmed : Reauthentication.WrongCode;
        }

        return code.Length <= MaxSecretLength && (await users.RedeemTwoFactorRecoveryCodeAsync(user, Authenticator.CleanRecoveryCode(code))).Succeeded
            ? Reauthentication.Confirmed
            : Reauthentication.WrongCode;
    }

    public static string Message(Reauthentication outcome) => outcome switch
    {
        Reauthentication.WrongPassword => "That is not your password.",
        Reauthentication.CodeNeeded => "Two-factor sign-in is on: enter the 6-digit code your authenticator app shows, or a recovery code.",
        Reauthentication.WrongCode => "That code did not match: enter the 6 digits your app shows now, or an unused recovery code.",
        Reauthentication.Confirmed => "",
    };

    /// <summary>
    /// Identity's own endpoints under /api/auth that change how the account signs in: manage/2fa needs a recent
    /// authentication to reset the key or the recovery codes or to turn two-factor sign-in off, and shows the key
    /// only while a setup is in progress; manage/info takes a new e-mail address only with the current password
    /// (oldPassword) or after a recent authentication. Each change is mailed to the account's address.
    /// </summary>
    public static async ValueTask<object?> GuardIdentityEndpoints(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? "";
        if (path.EndsWith("/manage/2fa", StringComparison.OrdinalIgnoreCase) && context.Arguments.OfType<TwoFactorRequest>().FirstOrDefault() is { } twoFactor)
        {
            return await TwoFactorAsync(context, next, twoFactor);
        }

        if (path.EndsWith("/manage/info", StringComparison.OrdinalIgnoreCase) && context.Arguments.OfType<InfoRequest>().FirstOrDefault() is { } info)
        {
            return await InfoAsync(context, next, info);
        }

        if (path.EndsWith("/confirmEmail", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(http.Request.Query["changedEmail"]))
        {
            return await EmailChangeConfirmedAsync(context, next);
        }

        return await next(context);
    }

    private static async Task<object?> TwoFactorAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, TwoFactorRequest request)
    {
        var http = context.HttpContext;
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return await next(context);
        }

        var wasOn = await users.GetTwoFactorEnabledAsync(user);
        if ((request.ResetSharedKey || request.ResetRecoveryCodes || (request.Enable == false && wasOn)) && !IsRecent(http))
        {
            return Required();
        }

        var result = await next(context);
        if (Unwrap(result) is not Ok<TwoFactorResponse> { Value: { } answer })
        {
            return result;
        }

        var notices = http.RequestServices.GetRequiredService<SecurityNotices>();
        if (request.Enable == true && answer.IsTwoFactorEnabled && !wasOn)
        {
            await notices.SendAsync(user.Email, SecurityEvent.TwoFactorOn, http);
        }
        else if (wasOn && !answer.IsTwoFactorEnabled)
        {
            await notices.SendAsync(user.Email, request.ResetSharedKey ? SecurityEvent.AuthenticatorKeyReset : SecurityEvent.TwoFactorOff, http);
        }

        if (request.ResetRecoveryCodes && answer.RecoveryCodes is { Length: > 0 })
        {
            await notices.SendAsync(user.Email, SecurityEvent.RecoveryCodesRenewed, http);
        }

        // The key of an enabled authenticator is never shown again; a setup's key only right after confirming it is you.
        return answer.IsTwoFactorEnabled || !IsRecent(http)
            ? TypedResults.Ok(new TwoFactorResponse
            {
                SharedKey = "",
                RecoveryCodes = answer.RecoveryCodes,
                RecoveryCodesLeft = answer.RecoveryCodesLeft,
                IsTwoFactorEnabled = answer.IsTwoFactorEnabled,
                IsMachineRemembered = answer.IsMachineRemembered,
            })
            : result;
    }

    private static async Task<object?> InfoAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, InfoRequest request)
    {
        var http = context.HttpContext;
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return await next(context);
        }

        var oldEmail = user.Email;
        var newEmail = !string.IsNullOrEmpty(request.NewEmail) && !string.Equals(request.NewEmail, oldEmail, StringComparison.Ordinal);
        if (newEmail && !IsRecent(http))
        {
            if (string.IsNullOrEmpty(request.OldPassword))
            {
                return Required();
            }

            if (request.OldPassword.Length > MaxSecretLength || !await users.CheckPasswordAsync(user, request.OldPassword))
            {
                return Problems.Field("oldPassword", "That is not your current password.");
            }
        }

        var result = await next(context);
        if (Unwrap(result) is Ok<InfoResponse> && !string.IsNullOrEmpty(request.NewPassword))
        {
            await http.RequestServices.GetRequiredService<SecurityNotices>().SendAsync(oldEmail, SecurityEvent.PasswordChanged, http);
        }

        return result;
    }

    /// <summary>After Identity's confirmEmail applied an e-mail change: the old address hears of it, with a link that undoes it.</summary>
    private static async Task<object?> EmailChangeConfirmedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var userId = http.Request.Query["userId"].ToString();
        var before = userId.Length > 0 ? (await users.FindByIdAsync(userId))?.Email : null;
        var result = await next(context);
        if (before is not null && Unwrap(result) is ContentHttpResult && await users.FindByIdAsync(userId) is { Email: { } after } user
            && !string.Equals(before, after, StringComparison.Ordinal))
        {
            await http.RequestServices.GetRequiredService<SecurityNotices>().EmailChangedAsync(user, before, after, http);
        }

        return result;
    }

    /// <summary>The result inside a Results&lt;…&gt; union (Identity's endpoints answer those), or the result itself.</summary>
    public static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
