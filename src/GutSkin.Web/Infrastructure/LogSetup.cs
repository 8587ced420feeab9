using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.HttpLogging;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Console logs as one JSON object per line (with the request's id and trace id from the logging scopes)
/// or as the framework's readable text: <c>Logging:Format</c> = json | text, json unless in Development.
/// No log line may carry health data, e-mail addresses or tokens; see <see cref="KeepQueryStringsOutOfLogs"/>.
/// </summary>
public static class LogSetup
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>
    /// Framework categories that print URLs with their query strings, where reset, confirmation and unsubscribe
    /// links carry e-mail addresses and tokens, and the least level at which they may log.
    /// </summary>
    public static readonly IReadOnlyList<(string Category, LogLevel AtLeast)> UrlPrintingCategories =
    [
        // "Request starting/finished GET http://host/path?query" at Information.
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning),
        // Every value of a generated link (Url.Page with email and code) at Debug.
        ("Microsoft.AspNetCore.Routing.DefaultLinkGenerator", LogLevel.Information),
    ];

    public static bool IsJson(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Logging:Format"]?.Trim().ToLowerInvariant() switch
        {
            null or "" => !environment.IsDevelopment(),
            "json" => true,
            "text" => false,
            var other => throw new InvalidOperationException($"Logging:Format '{other}' is not supported; use json or text."),
        };

    public static WebApplicationBuilder AddGutSkinLogging(this WebApplicationBuilder builder)
    {
        if (IsJson(builder.Configuration, builder.Environment))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "O";
                // Still one valid JSON line per entry; only '+', '<' and quotes stay as they are, for people reading it.
                o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole();
        }

        builder.Services.PostConfigure<LoggerFilterOptions>(KeepQueryStringsOutOfLogs);

        // One line per request when Microsoft.AspNetCore.HttpLogging is set to Information: the path, never the query or headers.
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        return builder;
    }

    /// <summary>
    /// Caps <see cref="UrlPrintingCategories"/> for every provider that has rules of its own, added last so
    /// nothing in configuration can turn them back on; the HttpLogging line replaces the request lines without the query.
    /// </summary>
    public static void KeepQueryStringsOutOfLogs(LoggerFilterOptions options)
    {
        foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
        {
            foreach (var (category, atLeast) in UrlPrintingCategories)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, atLeast, filter: null));
            }
        }
    }

    /// <summary>
    /// Answers every request with <c>X-Request-Id</c>: the id every log line of the request carries as
    /// <c>RequestId</c>, and the reference the error page shows, so a member's report leads to the log lines.
    /// </summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // On starting, so a response rewritten by an exception handler still carries it.
            http.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
                return Task.CompletedTask;
            }, http);
            return next(http);
        });
}
