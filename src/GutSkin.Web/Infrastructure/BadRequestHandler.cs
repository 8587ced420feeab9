using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Turns what a client sent wrong (malformed JSON, a value of the wrong type, a missing or null required
/// field, a query or route value that does not parse, a body of the wrong media type) into a problem
/// document naming the field, instead of the framework's empty 400 or a 500. The field comes from structured
/// information only (the JSON path, <see cref="RequiredMembers"/>, the endpoint's parameters), never from the
/// text of a framework message.
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    /// <summary>The key for what concerns the whole body: the JSON root.</summary>
    public const string WholeBody = "$";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The exception handler has cleared the endpoint and route values from the context; its feature keeps them.
        var failed = httpContext.Features.Get<IExceptionHandlerFeature>();
        var errors = FindJsonException(bad.InnerException) is { } json ? Errors(json)
            : UnreadParameters(httpContext, failed?.Endpoint, failed?.RouteValues) is { Count: > 0 } parameters ? parameters
            : new Dictionary<string, string[]> { [WholeBody] = [bad.Message] };

        var details = new HttpValidationProblemDetails(errors)
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : ReasonPhrase(bad.StatusCode),
        };
        return await Problems.WriteAsync(httpContext, details, exception);
    }

    /// <summary>
    /// A body that could not be read, by field: the JSON path of the bad value (<c>days[2].date</c>), or each
    /// required member the JSON left out, or the body as a whole (<c>$</c>) when it is not JSON at all.
    /// </summary>
    public static Dictionary<string, string[]> Errors(JsonException json)
    {
        var path = json.Path?.TrimStart('$', '.') ?? "";
        var where = json.LineNumber is { } line ? $" (line {line + 1})" : "";
        if (json is RequiredMembers.MissingException missing)
        {
            return missing.Names.ToDictionary(n => path.Length == 0 ? n : $"{path}.{n}", n => new[] { $"The JSON could not be read{where}: '{n}' is required." });
        }

        return new Dictionary<string, string[]>
        {
            [path.Length == 0 ? WholeBody : path] = [$"The JSON could not be read{where}: expected a value of the right type at '{json.Path ?? "$"}'."],
        };
    }

    /// <summary>
    /// For a 400 the framework wrote without saying why (endpoints compiled by the request delegate generator,
    /// such as Identity's, answer a bad <c>?useCookies=maybe</c> so): names each query or route value that
    /// does not parse, or is required and missing.
    /// </summary>
    public static void NameUnreadableValues(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status400BadRequest || context.ProblemDetails is HttpValidationProblemDetails
            || context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            return;
        }

        var http = context.HttpContext;
        if (UnreadParameters(http, http.GetEndpoint(), http.Request.RouteValues) is { Count: > 0 } errors)
        {
            context.ProblemDetails.Title = "The request could not be read.";
            context.ProblemDetails.Extensions["errors"] = errors;
        }
    }

    /// <summary>The endpoint's query, route and header parameters that are required but missing, or do not parse as their type.</summary>
    private static Dictionary<string, string[]> UnreadParameters(HttpContext http, Endpoint? endpoint, RouteValueDictionary? routeValues)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var parameter in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var info = parameter.ParameterInfo;
            var type = Nullable.GetUnderlyingType(info.ParameterType) ?? info.ParameterType;
            if (!parameter.HasTryParse && type != typeof(string) || info.GetCustomAttribute<FromBodyAttribute>() is not null)
            {
                // The body, services and bound objects: what is wrong with them is not a parameter's name.
                continue;
            }

            var (name, text) = Read(http.Request, routeValues, info, parameter.Name);
            if (text is null || (text.Length == 0 && type == typeof(string)))
            {
                if (!parameter.IsOptional)
                {
                    errors[name] = [$"'{name}' is required."];
                }
            }
            else if (type != typeof(string) && !Parses(type, text))
            {
                errors[name] = [$"'{text}' is not a value of type {type.Name}."];
            }
        }

        return errors;
    }

    /// <summary>The parameter's name as the client spells it, and the value it sent (null when none).</summary>
    private static (string Name, string? Text) Read(HttpRequest request, RouteValueDictionary? routeValues, ParameterInfo info, string name)
    {
        if (info.GetCustomAttribute<FromHeaderAttribute>() is { } header)
        {
            var headerName = header.Name ?? name;
            return (headerName, request.Headers.TryGetValue(headerName, out var headerValue) ? headerValue.ToString() : null);
        }

        name = info.GetCustomAttribute<FromQueryAttribute>()?.Name ?? info.GetCustomAttribute<FromRouteAttribute>()?.Name ?? name;
        return (name, routeValues is not null && routeValues.TryGetValue(name, out var routeValue) ? Convert.ToString(routeValue, CultureInfo.InvariantCulture)
            : request.Query.TryGetValue(name, out var queryValue) ? queryValue.ToString()
            : null);
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

    private static JsonException? FindJsonException(Exception? e) => e as JsonException ?? (e is null ? null : FindJsonException(e.InnerException));

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
