using System.Globalization;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

public enum AccountAction
{
    LogIn,
    Registration,
    PasswordReset,
    PasswordCheck,
}

/// <summary>Attempts allowed per window from one client address and, where it applies, against one account (0 = no limit).</summary>
public sealed class AccountLimit
{
    public int PerIp { get; set; }

    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Settings under <c>Accounts:RateLimits</c>.</summary>
public sealed class AccountLimitOptions
{
    /// <summary>Password and two-factor steps. Per account only for devices that have not signed in to that account before.</summary>
    public AccountLimit LogIn { get; set; } = new() { PerIp = 20, PerAccount = 10, Window = TimeSpan.FromMinutes(15) };

    public AccountLimit Registration { get; set; } = new() { PerIp = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Reset mails (and every other mail a stranger can have sent to an address): per account, so nobody can flood one inbox from many addresses.</summary>
    public AccountLimit PasswordReset { get; set; } = new() { PerIp = 10, PerAccount = 3, Window = TimeSpan.FromHours(1) };

    /// <summary>The current password asked again by a signed-in member (new password, re-authentication): per member, whatever the device.</summary>
    public AccountLimit PasswordCheck { get; set; } = new() { PerIp = 20, PerAccount = 10, Window = TimeSpan.FromMinutes(15) };

    public AccountLimit For(AccountAction action) => action switch
    {
        AccountAction.LogIn => LogIn,
        AccountAction.Registration => Registration,
        AccountAction.PasswordReset => PasswordReset,
        AccountAction.PasswordCheck => PasswordCheck,
    };
}

/// <summary>
/// Rate limits on log-in, registration, password reset and password checks, shared by the pages and /api/auth and,
/// through <see cref="RateCounters"/>, by every instance on the database. Accounts are counted by their normalized
/// address (<see cref="AddressNormalizer"/>), so look-alike spellings of one address share its limit.
/// </summary>
public sealed class AccountThrottle(RateCounters counters, IOptions<AccountLimitOptions> options, ILookupNormalizer normalizer, KnownDevices devices)
{
    /// <summary>
    /// Counts one attempt; answers how long to wait when it is one too many (the client's address is counted first).
    /// <paramref name="account"/> is the e-mail address, as typed or (for <see cref="AccountAction.PasswordCheck"/>)
    /// the signed-in member's. A device that signed in to the account before is not held to its log-in limit.
    /// </summary>
    public async Task<TimeSpan?> RefuseAsync(AccountAction action, HttpContext http, string? account)
    {
        var limit = options.Value.For(action);
        var ct = http.RequestAborted;
        if (await counters.HitAsync($"{action}:ip", ClientIp.PartitionKey(http), limit.PerIp, limit.Window, ct) is { } wait)
        {
            return wait;
        }

        if (string.IsNullOrWhiteSpace(account) || limit.PerAccount <= 0 || (action == AccountAction.LogIn && await devices.IsKnownAsync(http, account)))
        {
            return null;
        }

        return await counters.HitAsync($"{action}:account", normalizer.NormalizeEmail(account)!, limit.PerAccount, limit.Window, ct);
    }

    /// <summary>
    /// Counts one mail to an address that someone other than its owner may have asked for (a "someone tried to
    /// register" notice): false when the address had its share of reset mails this window, and none should go.
    /// </summary>
    public async Task<bool> MayMailAsync(HttpContext http, string email)
    {
        var limit = options.Value.PasswordReset;
        return await counters.HitAsync($"{AccountAction.PasswordReset}:account", normalizer.NormalizeEmail(email)!, limit.PerAccount, limit.Window, http.RequestAborted) is null;
    }

    public static string Message(AccountAction action, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        var after = minutes switch
        {
            1 => "a minute",
            60 => "an hour",
            _ when minutes % 60 == 0 => $"{minutes / 60} hours",
            _ => $"{minutes} minutes",
        };
        return action switch
        {
            AccountAction.LogIn => $"Too many log-in attempts. For the safety of your account, please wait {after} and try again.",
            AccountAction.Registration => $"Too many new accounts from your connection. Please wait {after} and try again.",
            AccountAction.PasswordReset => $"Too many password-reset requests. Please wait {after} and try again.",
            AccountAction.PasswordCheck => $"Too many password attempts. For the safety of your account, please wait {after} and try again.",
        };
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

public static class AccountThrottling
{
    /// <summary>
    /// For a page's POST handler: null when the attempt may go ahead and the form is valid; the form again when it is
    /// not; and when there were too many attempts the same form again (the browser keeps what was typed, the password
    /// fields are never filled back in) with a friendly message instead of the field errors, as a 429.
    /// </summary>
    public static async Task<IActionResult?> RefusedOrInvalidAsync(this PageModel page, AccountAction action, string? account = null)
    {
        var throttle = page.HttpContext.RequestServices.GetRequiredService<AccountThrottle>();
        if (await throttle.RefuseAsync(action, page.HttpContext, account) is not { } wait)
        {
            return page.ModelState.IsValid ? null : page.Page();
        }

        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        AccountThrottle.SetRetryAfter(page.Response, wait);
        page.ModelState.Clear();
        page.ModelState.AddModelError("", AccountThrottle.Message(action, wait));
        return page.Page();
    }

    /// <summary>For Identity's endpoints under /api/auth: a 429 problem document with Retry-After.</summary>
    public static async ValueTask<object?> ThrottleAccountEndpoints(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.ToLowerInvariant();
        (AccountAction Action, string? Account)? attempt = endpoint switch
        {
            "login" => (AccountAction.LogIn, context.Arguments.OfType<LoginRequest>().FirstOrDefault()?.Email),
            "register" => (AccountAction.Registration, null),
            "forgotpassword" => (AccountAction.PasswordReset, context.Arguments.OfType<ForgotPasswordRequest>().FirstOrDefault()?.Email),
            "resendconfirmationemail" => (AccountAction.PasswordReset, context.Arguments.OfType<ResendConfirmationEmailRequest>().FirstOrDefault()?.Email),
            "resetpassword" => (AccountAction.PasswordReset, null),
            // The current password, checked for a new password (or an e-mail change): limited like log-in, per member.
            "info" when HttpMethods.IsPost(http.Request.Method) && context.Arguments.OfType<InfoRequest>().FirstOrDefault() is { OldPassword.Length: > 0 }
                => (AccountAction.PasswordCheck, (await http.RequestServices.GetRequiredService<UserManager<AppUser>>().GetUserAsync(http.User))?.Email),
            _ => null,
        };
        if (attempt is { } a && await http.RequestServices.GetRequiredService<AccountThrottle>().RefuseAsync(a.Action, http, a.Account) is { } wait)
        {
            AccountThrottle.SetRetryAfter(http.Response, wait);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: AccountThrottle.Message(a.Action, wait));
        }

        return await next(context);
    }
}
