using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    /// <summary>A page that answers 400 may leave here what was wrong, in words for the member; the error page says it.</summary>
    public const string DetailKey = "GutSkin.ErrorDetail";

    /// <summary>A 400 for the friendly error page, saying what was wrong.</summary>
    public static IActionResult BadRequest(HttpContext http, string detail)
    {
        http.Items[DetailKey] = detail;
        return new BadRequestResult();
    }

    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "Sorry, that did not work. Nothing you entered is lost; please try again in a moment.";

    /// <summary>For a server-side failure, the request id of the log lines, to quote when asking for help.</summary>
    public string? Reference { get; private set; }

    /// <summary>Where the link under the message leads: the refused page for a 429, else the start page.</summary>
    public string Back { get; private set; } = "/";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        // Re-executed after an exception, the status is already on the response (503 for an unreachable database).
        status ??= Response.StatusCode;
        if (status >= 500)
        {
            Reference = HttpContext.TraceIdentifier;
        }

        (Heading, Message) = status switch
        {
            503 => ("We can't reach your data right now", "Your journal is safe, but the database cannot be reached at the moment. Please try again in a minute."),
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            403 => ("Not allowed", "Your account cannot open this page."),
            // A rate limit answered (it set Retry-After): say how long.
            429 => ("Too many requests", int.TryParse(Response.Headers.RetryAfter, CultureInfo.InvariantCulture, out var seconds)
                ? $"Please wait {Math.Ceiling(seconds / 60.0):0} minute(s) and try again."
                : "Please wait a moment and try again."),
            >= 400 and < 500 => ("That request could not be handled", HttpContext.Items[DetailKey] as string ?? "Please go back and try again."),
            _ => (Heading, Message),
        };
        // After a 429, lead back to the page that was refused; only a path of this site, never "//host", which a browser
        // reads as another site.
        if (status == 429 && HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is ['/', not ('/' or '\\'), ..] path)
        {
            Back = path;
        }
    }
}
