using System.Security.Claims;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Infrastructure;

/// <summary>The signed-in member as personal endpoints need them: who, and which calendar they live by.</summary>
public sealed record Member(string Id, string TimeZone, long JournalVersion = 0)
{
    /// <summary>Binds the member that <see cref="CurrentMember.UseCurrentMember"/> loaded for an endpoint marked
    /// <see cref="CurrentMember.RequireMember"/>.</summary>
    public static ValueTask<Member?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<Member?>(http.Features.Get<Member>()
            ?? throw new InvalidOperationException($"{http.GetEndpoint()?.DisplayName} binds a member without RequireMember()."));

    /// <summary>Null when the account behind a still-valid cookie or token has been erased.</summary>
    public static async Task<Member?> FindAsync(GutSkinDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        var found = await db.Users.Where(u => u.Id == id).Select(u => new { u.TimeZone, u.JournalVersion }).FirstOrDefaultAsync(ct);
        return found is null ? null : new Member(id, found.TimeZone, found.JournalVersion);
    }
}

/// <summary>
/// A feature's part in erasing a member: it deletes the rows it owns, inside the erasure's transaction. The erasure
/// calls each in the order they are registered, then deletes the account (whose cascades cover what is left).
/// </summary>
public interface IMemberErasure
{
    Task EraseMemberAsync(string userId, CancellationToken ct);
}

public static class JournalVersion
{
    /// <summary>Marks the member's journal as changed (see <see cref="Features.Account.AppUser.JournalVersion"/>).</summary>
    public static Task BumpAsync(GutSkinDb db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.JournalVersion, u => u.JournalVersion + 1), ct);
}

public static class Problems
{
    /// <summary>A 400 problem document naming one field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 problem document naming each field with its message (the core's rules answer field → message).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Fields(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));

    /// <summary>Answers <paramref name="status"/> with a problem document, outside an endpoint (middleware, exception handlers).</summary>
    public static ValueTask<bool> WriteAsync(HttpContext http, int status, string title, string detail, Exception? exception = null) =>
        WriteAsync(http, new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }, exception);

    /// <summary>Answers with <paramref name="problem"/>, with its status, outside an endpoint.</summary>
    public static ValueTask<bool> WriteAsync(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails problem, Exception? exception = null)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
    }
}
