using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Turns what a client sent wrong (malformed JSON, a value of the wrong type, a missing or null required
/// field, a query or route value that does not parse, a body of the wrong media type) into a problem
/// document naming the field, instead of the framework's empty 400 or a 500.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The key for what concerns the whole body: the JSON root.</summary>
    public const string WholeBody = "$";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = FindJsonException(bad);
        var errors = json is not null ? Errors(json) : Fields(bad).ToDictionary(f => f, _ => new[] { bad.Message });

        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : ReasonPhrase(bad.StatusCode),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>
    /// A body that could not be read, by field: the JSON path of the bad value (<c>days[2].date</c>), or each
    /// required property the JSON left out, or the body as a whole (<c>$</c>) when it is not JSON at all.
    /// </summary>
    public static Dictionary<string, string[]> Errors(JsonException json)
    {
        var path = json.Path?.TrimStart('$', '.') ?? "";
        var where = json.LineNumber is { } line ? $" (line {line + 1})" : "";
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
        {
            return Quoted().Matches(missing.Groups["names"].Value)
                .Select(m => m.Groups["name"].Value)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(n => path.Length == 0 ? n : $"{path}.{n}", n => new[] { $"The JSON could not be read{where}: '{n}' is required." });
        }

        return new Dictionary<string, string[]>
        {
            [path.Length == 0 ? WholeBody : path] = [$"The JSON could not be read{where}: expected a value of the right type at '{json.Path ?? "$"}'."],
        };
    }

    /// <summary>The query or route parameter that did not bind; otherwise the body as a whole.</summary>
    private static IEnumerable<string> Fields(BadHttpRequestException bad)
    {
        // Query and route values: 'Failed to bind parameter "Nullable<int> page" from "abc".',
        // 'Required parameter "string userId" was not provided from query string.'
        // A body parameter ('... from the request body as JSON.', '... was not provided from body.') is the whole body.
        var parameter = Parameter().Match(bad.Message);
        if (parameter.Success)
        {
            var rest = bad.Message[(parameter.Index + parameter.Length)..];
            if (rest.StartsWith("from \"", StringComparison.Ordinal) || !rest.Contains("body", StringComparison.Ordinal))
            {
                return [parameter.Groups["name"].Value];
            }
        }

        return [WholeBody];
    }

    /// <summary>
    /// For a 400 the framework wrote without saying why (endpoints compiled by the request delegate generator,
    /// such as Identity's, answer a bad <c>?useCookies=maybe</c> so): names each query or route value that
    /// does not parse as its parameter's type.
    /// </summary>
    public static void NameUnreadableValues(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        if (context.ProblemDetails.Status != StatusCodes.Status400BadRequest || context.ProblemDetails is HttpValidationProblemDetails
            || context.ProblemDetails.Extensions.ContainsKey("errors") || http.GetEndpoint() is not { } endpoint)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>().Where(p => p.HasTryParse))
        {
            var name = parameter.ParameterInfo.GetCustomAttribute<FromQueryAttribute>()?.Name
                ?? parameter.ParameterInfo.GetCustomAttribute<FromRouteAttribute>()?.Name
                ?? parameter.Name;
            var text = http.Request.RouteValues.TryGetValue(name, out var routeValue) ? Convert.ToString(routeValue, CultureInfo.InvariantCulture)
                : http.Request.Query.TryGetValue(name, out var queryValue) ? queryValue.ToString()
                : null;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!string.IsNullOrEmpty(text) && type != typeof(string) && !Parses(type, text))
            {
                errors[name] = [$"'{text}' is not a value of type {type.Name}."];
            }
        }

        if (errors.Count > 0)
        {
            context.ProblemDetails.Title = "The request could not be read.";
            context.ProblemDetails.Extensions["errors"] = errors;
        }
    }

    private static bool Parses(Type type, string text)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out _);
        }

        object?[] withCulture = [text, CultureInfo.InvariantCulture, null];
        if (type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is { } cultured)
        {
            return (bool)cultured.Invoke(null, withCulture)!;
        }

        object?[] plain = [text, null];
        return type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not { } method
            || (bool)method.Invoke(null, plain)!;
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

    [GeneratedRegex("""parameter "(?:[^"]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s""")]
    private static partial Regex Parameter();

    [GeneratedRegex("missing required properties[^:]*:(?<names>.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex Quoted();
}
