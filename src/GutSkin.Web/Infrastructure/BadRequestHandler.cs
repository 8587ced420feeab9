using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Turns what a client sent wrong (malformed JSON, a body of the wrong type, a missing body) into a
/// problem document naming the field, instead of the framework's empty 400 or a 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        if (field.Length == 0)
        {
            field = "body";
        }

        var message = json is not null
            ? $"The JSON could not be read{(json.LineNumber is { } line ? $" (line {line + 1})" : "")}: expected a value of the right type at '{json.Path}'."
            : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : ReasonPhrase(bad.StatusCode),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var current = e.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
