namespace GutSkin.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// Only the app's own origin: health data never leaves it, and nothing is loaded from elsewhere. The service worker
    /// (/sw.js) and the web app manifest are the app's own files too.
    /// </summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page boots from an inline script and inline styles; still nothing from another origin.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/reference") ? ReferencePolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
}

public static class CharsetGuard
{
    /// <summary>
    /// Minimal APIs answer 500 to an unknown JSON charset and to a quoted "utf-8" (dotnet/aspnetcore#61514):
    /// unquote the harmless case and refuse the others with 415, so bad input stays a 4xx.
    /// </summary>
    public static IApplicationBuilder UseCharsetGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var contentType = http.Request.ContentType;
            if (contentType is not null && contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
                && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            {
                var charset = parsed.Charset.Value?.Trim('"');
                if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase))
                {
                    await Problems.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", $"Only UTF-8 is accepted; the request said charset={charset}.");
                    return;
                }

                parsed.Charset = "utf-8";
                http.Request.ContentType = parsed.ToString();
            }

            await next(http);
        });
}
