using System.Security.Claims;
using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Infrastructure;

/// <summary>The signed-in member as personal endpoints need them: who, and which calendar they live by.</summary>
public sealed record Member(string Id, string TimeZone)
{
    /// <summary>Null when the account behind a still-valid cookie or token has been erased.</summary>
    public static async Task<Member?> FindAsync(GutSkinDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }

        var zone = await db.Users.Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        return zone is null ? null : new Member(id, zone);
    }
}

public static class Problems
{
    /// <summary>A 400 problem document naming one field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
