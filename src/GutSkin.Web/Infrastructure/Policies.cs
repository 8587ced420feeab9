using System.Globalization;
using System.Threading.RateLimiting;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Comments;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Infrastructure;

/// <summary>The named authorization and rate-limit policies, and the one answer every refused request gets.</summary>
public static class Policies
{
    public const string Moderators = "Moderators";
    public const string Admins = "Admins";

    /// <summary>Sending a comment (form and API together), per client address.</summary>
    public const string Comments = "comments";

    public static IServiceCollection AddGutSkinPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Moderators, p => p.RequireRole(Roles.Admin, Roles.Moderator))
            .AddPolicy(Admins, p => p.RequireRole(Roles.Admin));

        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per IP address, for sending only: reading a page never counts. Counted in the database, across instances.
            o.AddPolicy(Comments, http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var options = http.RequestServices.GetRequiredService<IOptions<CommentOptions>>().Value;
                var counters = http.RequestServices.GetRequiredService<RateCounters>();
                return RateLimitPartition.Get(ClientIp.PartitionKey(http), key => new SharedWindowLimiter(counters, "comments:ip", key, options.RateLimit, options.RateWindow));
            });
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>
    /// <c>Retry-After</c> on every refusal; a problem document for the API. A page gets nothing more here: the
    /// status-code pages render the error page (with the site's layout) for the 429.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? after
            : http.RequestServices.GetRequiredService<IOptions<CommentOptions>>().Value.RateWindow;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many comments",
                $"Please wait {Math.Ceiling(retry.TotalMinutes):0} minute(s) before sending another comment.");
        }
    }
}
