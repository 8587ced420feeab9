using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Marks an endpoint or page that acts for the signed-in member: <see cref="CurrentMember.UseCurrentMember"/> loads the
/// member once, before the handler runs, and answers 401 (API) or the log-in redirect (pages) when there is none.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresMemberAttribute : Attribute;

/// <summary>A page that acts for the signed-in member, who is loaded before any handler runs.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
[RequiresMember]
public abstract class MemberPageModel : PageModel
{
    /// <summary>The signed-in member of this request.</summary>
    protected Member CurrentMember => HttpContext.Features.Get<Member>()
        ?? throw new InvalidOperationException("The member is loaded by UseCurrentMember before a member page runs.");
}

/// <summary>The member bound once per request, for endpoints and pages alike (TodoApi's CurrentUser, as a feature).</summary>
public static class CurrentMember
{
    /// <summary>The endpoints need a signed-in member, loaded before their handler (bound as a <see cref="Member"/> parameter).</summary>
    public static TBuilder RequireMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().WithMetadata(new RequiresMemberAttribute());

    /// <summary>Loads the member of every endpoint marked <see cref="RequiresMemberAttribute"/>; after authorization.</summary>
    public static IApplicationBuilder UseCurrentMember(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiresMemberAttribute>() is not null)
        {
            var db = http.RequestServices.GetRequiredService<Data.GutSkinDb>();
            // Null when the account behind a still-valid cookie or token has been erased.
            if (await Member.FindAsync(db, http.User, http.RequestAborted) is not { } member)
            {
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    await http.ChallengeAsync();
                }

                return;
            }

            http.Features.Set(member);
        }

        await next(http);
    });
}
