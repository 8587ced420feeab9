using GutSkin.Web.Features.Account;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer that belongs to someone: anything a signed-in member is sent (pages,
/// the report and its PDF, exports, every API answer), the account, moderation-link and unsubscribe pages and the
/// account API (codes and tokens, whoever asks), and any answer that sets a cookie. No browser or proxy cache then
/// keeps health data or a session for the next person at the same computer or behind the same proxy. Static files
/// (marked <see cref="SessionRevocation.NotPersonal"/>) and anonymous public pages keep their own caching.
/// </summary>
public static class PersonalResponses
{
    private static readonly string[] PersonalWhoeverAsks = ["/account", "/api/account", "/api/auth", "/moderation", "/reminders"];

    public static IApplicationBuilder UseNoStoreForPersonalResponses(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // Decided when the answer starts: by then the member is known and any cookie is set, error pages included.
            http.Response.OnStarting(() =>
            {
                // An answer that already forbids storing (photos: "no-store, private") keeps its stricter header.
                if (IsPersonal(http) && !http.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
                {
                    http.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });

    public static bool IsPersonal(HttpContext http) =>
        http.GetEndpoint()?.Metadata.Contains(SessionRevocation.NotPersonal) != true
        && (http.User.Identity?.IsAuthenticated == true
            || http.Response.Headers.SetCookie.Count > 0
            || PersonalWhoeverAsks.Any(prefix => http.Request.Path.StartsWithSegments(prefix)));
}
