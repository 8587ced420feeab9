using System.Text.Json;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Account;

public sealed record ProfileResponse(string DisplayName, string TimeZone, string Email);

public sealed record ProfileRequest(
    [property: TrimmedLength(0, AccountSetup.MaxDisplayName, ErrorMessage = "The display name is at most 100 characters."), NoNul] string? DisplayName = null,
    [property: TimeZoneId] string? TimeZone = null);

public static class AccountApi
{
    /// <summary>The longest address SMTP allows (RFC 5321); Identity's column holds 256.</summary>
    public const int MaxEmailLength = 254;

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        // Identity's own endpoints: register, login (bearer accessToken), refresh, confirmEmail, forgotPassword, resetPassword, manage/*.
        // Rate limits first, so every attempt counts; two-factor sign-in is Identity's (login takes twoFactorCode or twoFactorRecoveryCode).
        app.MapGroup("/api/auth").WithTags("Auth").MapIdentityApi<AppUser>()
            .AddEndpointFilter(AccountThrottling.ThrottleAccountEndpoints)
            .AddEndpointFilter(RefuseUnstorableText)
            .AddEndpointFilter(RefuseMalformedCodes)
            .AddEndpointFilter(AnswerRegistrationsAlike)
            .AddEndpointFilter(OneAnswerForFailedLogIns)
            .AddEndpointFilter(KeepTheCookieSessionAfterAChange)
            .AddEndpointFilter(SessionRevocation.RotateRefreshTokens)
            .AddEndpointFilter(RecentAuthentication.GuardIdentityEndpoints)
            .Add(endpoint =>
            {
                // Identity's login, refresh and confirmEmail answer 401 for a wrong password, token or code; manage/2fa and
                // manage/info 403 for a change that needs a recent authentication: the OpenAPI document says so.
                ListProblem(endpoint, StatusCodes.Status401Unauthorized, "/login", "/refresh", "/confirmEmail");
                ListProblem(endpoint, StatusCodes.Status403Forbidden, "/manage/2fa", "/manage/info");
            });

        var group = app.MapGroup("/api/account").WithTags("Account").RequireAuthorization();
        group.MapGet("/profile", GetProfile).WithSummary("Your display name and time zone.");
        group.MapPut("/profile", PutProfile).WithSummary("Change your display name and time zone (an IANA id such as Europe/Berlin).");
        group.MapDelete("/", DeleteAccount).WithSummary("Erase your account and everything you own. This cannot be undone.")
            .RequireRecentAuthentication();
        group.MapSessionApi();
        return app;
    }

    /// <summary>
    /// An e-mail or password with a NUL character, or an e-mail longer than the column that keeps it, would reach the
    /// database (PostgreSQL refuses both; SQLite would keep a 1 MB address): a 400 instead.
    /// </summary>
    private static ValueTask<object?> RefuseUnstorableText(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var texts = context.Arguments.Where(a => a?.GetType().Namespace == "Microsoft.AspNetCore.Identity.Data").SelectMany(a =>
            a!.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (p.Name, Text: (string?)p.GetValue(a))));
        foreach (var (name, text) in texts)
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(name);
            if (TextInput.HasNul(text))
            {
                return ValueTask.FromResult<object?>(Problems.Field(field, TextInput.NulMessage));
            }

            if (name.EndsWith("Email", StringComparison.Ordinal) && text is { Length: > MaxEmailLength })
            {
                return ValueTask.FromResult<object?>(Problems.Field(field, $"An e-mail address has at most {MaxEmailLength} characters."));
            }
        }

        return next(context);
    }

    /// <summary>Lists a problem <paramref name="status"/> for the routes that end in one of <paramref name="suffixes"/>.</summary>
    private static void ListProblem(EndpointBuilder endpoint, int status, params string[] suffixes)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && suffixes.Any(s => route.EndsWith(s, StringComparison.Ordinal)))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }
    }

    /// <summary>An authenticator code (log-in, two-factor set-up) is exactly 6 ASCII digits: anything else is a 400, never another spelling of a code.</summary>
    private static ValueTask<object?> RefuseMalformedCodes(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var code = context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.LoginRequest>().FirstOrDefault()?.TwoFactorCode
            ?? context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.TwoFactorRequest>().FirstOrDefault()?.TwoFactorCode;
        // A 400 already set means a query value did not bind: that is the answer, naming it.
        return string.IsNullOrEmpty(code) || Authenticator.IsWellFormedCode(code) || context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Field("twoFactorCode", Authenticator.CodeFormatMessage));
    }

    /// <summary>
    /// Identity's register says "taken" for an address that has an account. Here a taken address (in any spelling that
    /// normalizes alike) answers like a new one, and its owner gets a mail instead; what is wrong with the request
    /// itself (password, address format) is still said. A new account gets the Member role.
    /// </summary>
    private static async ValueTask<object?> AnswerRegistrationsAlike(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!http.Request.Path.Equals("/api/auth/register", StringComparison.OrdinalIgnoreCase)
            || context.Arguments.OfType<Microsoft.AspNetCore.Identity.Data.RegisterRequest>().FirstOrDefault() is not { } request)
        {
            return result;
        }

        // Identity's register answers Results<Ok, ValidationProblem>: look inside.
        switch (RecentAuthentication.Unwrap(result))
        {
            case Ok:
                var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
                if (await users.FindByEmailAsync(request.Email) is { } user)
                {
                    await AccountSetup.InitialiseNewMemberAsync(users, user, http.RequestServices.GetRequiredService<MemberClock>(), timeZone: null);
                }

                return result;
            case ValidationProblem { ProblemDetails.Errors: var errors } when errors.Keys.Any(AccountRegistration.IsTaken):
                var rest = errors.Where(e => !AccountRegistration.IsTaken(e.Key)).ToDictionary();
                if (rest.Count > 0)
                {
                    return TypedResults.ValidationProblem(rest);
                }

                await http.RequestServices.GetRequiredService<AccountRegistration>().NotifyOwnerAsync(http, request.Email);
                return TypedResults.Ok();
            default:
                return result;
        }
    }

    /// <summary>
    /// Identity's login names why it refused: NotAllowed for an unconfirmed account would tell whoever registered an
    /// address that it had none. Every refusal reads "Failed", but RequiresTwoFactor, which only the right password reaches.
    /// </summary>
    private static async ValueTask<object?> OneAnswerForFailedLogIns(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.HttpContext.Request.Path.Value?.EndsWith("/login", StringComparison.OrdinalIgnoreCase) == true
            && RecentAuthentication.Unwrap(result) is ProblemHttpResult { ProblemDetails: { } problem }
            && problem.Detail != nameof(Microsoft.AspNetCore.Identity.SignInResult.RequiresTwoFactor))
        {
            problem.Detail = "Failed";
        }

        return result;
    }

    /// <summary>
    /// A password or two-factor change under /api/auth/manage revokes every session (see <see cref="SessionRevocation"/>);
    /// a login cookie that made the change is issued again, as the account pages do. A bearer client logs in again.
    /// </summary>
    private static async ValueTask<object?> KeepTheCookieSessionAfterAChange(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api/auth/manage") && !HttpMethods.IsGet(http.Request.Method)
            && http.User.Identity?.IsAuthenticated == true
            && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await SessionRevocation.StampIsCurrentAsync(http, http.User, userIdClaim: null))
        {
            var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
            if (await users.GetUserAsync(http.User) is { } user)
            {
                await http.RequestServices.GetRequiredService<SignInManager<AppUser>>().RefreshSignInAsync(user);
            }
        }

        return result;
    }

    private static async Task<Results<Ok<ProfileResponse>, UnauthorizedHttpResult>> GetProfile(HttpContext http, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(new ProfileResponse(user.DisplayName, user.TimeZone, user.Email ?? ""));
    }

    private static async Task<Results<Ok<ProfileResponse>, ValidationProblem, UnauthorizedHttpResult>> PutProfile(ProfileRequest request, HttpContext http, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.TimeZone = request.TimeZone ?? user.TimeZone;
        await users.UpdateAsync(user);
        return TypedResults.Ok(new ProfileResponse(user.DisplayName, user.TimeZone, user.Email ?? ""));
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> DeleteAccount(HttpContext http, UserManager<AppUser> users, AccountEraser eraser, SecurityNotices notices, CancellationToken ct)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        await eraser.EraseAsync(user.Id, ct);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        await notices.SendAsync(user.Email, SecurityEvent.AccountErased, http);
        return TypedResults.NoContent();
    }
}

public static class AccountSetup
{
    public const int MaxDisplayName = 100;

    /// <summary>The profile's shape rules (<see cref="ProfileRequest"/>'s attributes), for the pages and the import.</summary>
    public static Dictionary<string, string[]> ValidateProfile(string? displayName, string? timeZone) =>
        InputRules.Errors(new ProfileRequest(displayName, timeZone));

    public static async Task InitialiseNewMemberAsync(UserManager<AppUser> users, AppUser user, MemberClock clock, string? timeZone)
    {
        if (!await users.IsInRoleAsync(user, Roles.Member))
        {
            await users.AddToRoleAsync(user, Roles.Member);
        }

        user.CreatedAt = clock.UtcNow.UtcDateTime;
        if (MemberClock.FindZone(timeZone) is not null)
        {
            user.TimeZone = timeZone!;
        }

        await users.UpdateAsync(user);
    }
}

/// <summary>Erases a member: the database cascades from the user row to everything they own, and the freed pages are scrubbed on disk.</summary>
public sealed class AccountEraser(GutSkinDb db, IEnumerable<IMemberErasure> features, ILogger<AccountEraser> logger)
{
    public async Task EraseAsync(string userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Explicit deletes first, each by the feature that owns the rows, so erasure does not depend on every provider honouring cascades.
        foreach (var feature in features)
        {
            await feature.EraseMemberAsync(userId, ct);
        }

        await db.AccountSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        await ErasedData.AfterErasureAsync(db, logger, ct);
    }
}
