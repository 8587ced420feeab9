using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Features.Account;

public sealed record ReauthenticateRequest(string? Password = null, string? TwoFactorCode = null);

/// <summary>The member's sessions under /api/account: confirm it is you, log out, list and end sessions.</summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this RouteGroupBuilder group)
    {
        group.MapPost("/reauthenticate", Reauthenticate)
            .WithSummary("Confirm it is you: your password, and with two-factor sign-in on a 6-digit code or a recovery code. For the next 10 minutes this session or token may change sign-in settings, erase the account and export everything.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/logout", LogOut).WithSummary("End this session: its login cookie, or this bearer token and its refresh token, stop working at once.");
        group.MapGet("/sessions", ListSessions).WithSummary("Where you are signed in: each browser and app, with when it signed in and was last seen.");
        group.MapDelete("/sessions/{id}", EndSession).WithSummary("Sign out one of your sessions (a browser or an app).");
        group.MapPost("/sessions/logout-others", EndOtherSessions).WithSummary("Sign out every session but this one.");
        return group;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> Reauthenticate(
        ReauthenticateRequest request, HttpContext http, UserManager<AppUser> users, AccountSessions sessions, AccountThrottle throttle)
    {
        if (http.Features.Get<CurrentSession>() is not { } session || await users.GetUserAsync(http.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        // It checks the password: limited like log-in, per client address and per account.
        if (await throttle.RefuseAsync(AccountAction.PasswordCheck, http, user.Email) is { } wait)
        {
            AccountThrottle.SetRetryAfter(http.Response, wait);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: AccountThrottle.Message(AccountAction.PasswordCheck, wait));
        }

        var outcome = await RecentAuthentication.VerifyAsync(users, user, request.Password, request.TwoFactorCode);
        if (outcome != Reauthentication.Confirmed)
        {
            return Problems.Field(outcome == Reauthentication.WrongPassword ? "password" : "twoFactorCode", RecentAuthentication.Message(outcome));
        }

        http.Features.Set(await sessions.ReauthenticatedAsync(session, http.RequestAborted));
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> LogOut(HttpContext http, AccountSessions sessions)
    {
        if (http.Features.Get<CurrentSession>() is not { } session)
        {
            return TypedResults.Unauthorized();
        }

        await sessions.RevokeAsync(session.UserId, session.Id, http.RequestAborted);
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            LogoutModel.ForgetThisDevice(http.Response);
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<SessionResponse>>, UnauthorizedHttpResult>> ListSessions(HttpContext http, AccountSessions sessions) =>
        http.Features.Get<CurrentSession>() is { } session
            ? TypedResults.Ok(await sessions.ListAsync(session.UserId, session.Id, http.RequestAborted))
            : TypedResults.Unauthorized();

    private static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> EndSession(string id, HttpContext http, AccountSessions sessions) =>
        http.Features.Get<CurrentSession>() is not { } session ? TypedResults.Unauthorized()
            : id.Length <= 64 && !TextInput.HasNul(id) && await sessions.RevokeAsync(session.UserId, id, http.RequestAborted) ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> EndOtherSessions(HttpContext http, AccountSessions sessions)
    {
        if (http.Features.Get<CurrentSession>() is not { } session)
        {
            return TypedResults.Unauthorized();
        }

        await sessions.RevokeAllAsync(session.UserId, session.Id, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
