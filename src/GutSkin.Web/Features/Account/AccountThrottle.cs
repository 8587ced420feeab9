using System.Globalization;
using System.Threading.RateLimiting;
using GutSkin.Web.Infrastructure;
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
}

/// <summary>Attempts allowed per window from one client address and, where it applies, against one e-mail address (0 = no limit).</summary>
public sealed class AccountLimit
{
    public int PerIp { get; set; }

    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Settings under <c>Accounts:RateLimits</c>.</summary>
public sealed class AccountLimitOptions
{
    /// <summary>Password and two-factor steps. Per account above Identity's lockout (5 failures), so a person who mistypes sees the lockout message first.</summary>
    public AccountLimit LogIn { get; set; } = new() { PerIp = 20, PerAccount = 10, Window = TimeSpan.FromMinutes(15) };

    public AccountLimit Registration { get; set; } = new() { PerIp = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Reset mails (and confirmation mails sent again): per account, so nobody can flood one inbox from many addresses.</summary>
    public AccountLimit PasswordReset { get; set; } = new() { PerIp = 10, PerAccount = 3, Window = TimeSpan.FromHours(1) };

    public AccountLimit For(AccountAction action) => action switch
    {
        AccountAction.LogIn => LogIn,
        AccountAction.Registration => Registration,
        AccountAction.PasswordReset => PasswordReset,
    };
}

/// <summary>
/// Rate limits on log-in, registration and password reset, shared by the pages and /api/auth. Built on the
/// framework's partitioned rate limiters rather than the rate-limiting middleware, because the middleware can
/// neither see the e-mail address in a form or JSON body nor show a page its own form again.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly Dictionary<AccountAction, (AccountLimit Limit, PartitionedRateLimiter<string> ByIp, PartitionedRateLimiter<string> ByAccount)> _limiters;

    public AccountThrottle(IOptions<AccountLimitOptions> options) =>
        _limiters = Enum.GetValues<AccountAction>().ToDictionary(a => a, a =>
        {
            var limit = options.Value.For(a);
            return (limit, Limiter(limit.PerIp, limit.Window), Limiter(limit.PerAccount, limit.Window));
        });

    /// <summary>Counts one attempt; answers how long to wait when it is one too many (the client's address is counted first).</summary>
    public TimeSpan? Refuse(AccountAction action, HttpContext http, string? account)
    {
        var (limit, byIp, byAccount) = _limiters[action];
        using (var lease = byIp.AttemptAcquire(ClientIp.PartitionKey(http)))
        {
            if (!lease.IsAcquired)
            {
                return RetryAfter(lease, limit.Window);
            }
        }

        if (string.IsNullOrWhiteSpace(account))
        {
            return null;
        }

        using var accountLease = byAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return accountLease.IsAcquired ? null : RetryAfter(accountLease, limit.Window);
    }

    public void Dispose()
    {
        foreach (var (_, byIp, byAccount) in _limiters.Values)
        {
            byIp.Dispose();
            byAccount.Dispose();
        }
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
        };
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => permits <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    private static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
}

public static class AccountThrottling
{
    /// <summary>
    /// For a page's POST handler: null when the attempt may go ahead; otherwise the same form again (the browser
    /// keeps what was typed, the password fields are never filled back in) with a friendly message, as a 429.
    /// </summary>
    public static IActionResult? TooManyAttempts(this PageModel page, AccountAction action, string? account = null)
    {
        var throttle = page.HttpContext.RequestServices.GetRequiredService<AccountThrottle>();
        if (throttle.Refuse(action, page.HttpContext, account) is not { } wait)
        {
            return null;
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
            _ => null,
        };
        if (attempt is { } a && http.RequestServices.GetRequiredService<AccountThrottle>().Refuse(a.Action, http, a.Account) is { } wait)
        {
            AccountThrottle.SetRetryAfter(http.Response, wait);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: AccountThrottle.Message(a.Action, wait));
        }

        return await next(context);
    }
}
