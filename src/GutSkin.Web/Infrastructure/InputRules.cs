using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace GutSkin.Web.Infrastructure;

/// <summary>The shape rules of a request record checked outside an endpoint (an import, a page): field (JSON name) → messages.</summary>
public static class InputRules
{
    public static Dictionary<string, string[]> Errors(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results
            .SelectMany(r => r.MemberNames.Select(m => (Field: JsonPath(m), Message: r.ErrorMessage ?? "")))
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The validation filter of <c>AddValidation()</c> names a field by its C# path (<c>DisplayName</c>,
    /// <c>Keys.Auth</c>); the API names it as its JSON does (<c>displayName</c>, <c>keys.auth</c>). Renames the keys
    /// that begin with a property of the endpoint's body type; others (a header, an Identity error code) stay.
    /// </summary>
    public static void NameFieldsAsJson(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails problem
            || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType is not { } body)
        {
            return;
        }

        foreach (var key in problem.Errors.Keys.Where(k => body.GetProperty(k.Split('.', '[')[0]) is not null).ToList())
        {
            var messages = problem.Errors[key];
            problem.Errors.Remove(key);
            problem.Errors[JsonPath(key)] = messages;
        }
    }

    private static string JsonPath(string memberPath) => string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

/// <summary>
/// Shape rules as attributes, for request records (checked by the minimal APIs' <c>AddValidation()</c>) and page
/// properties (checked into ModelState) alike. Rules that need the database or several fields stay in the services.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NoNulAttribute() : ValidationAttribute(TextInput.NulMessage)
{
    public override bool IsValid(object? value) => !TextInput.HasNul(value as string);
}

/// <summary>Text whose trimmed length is <paramref name="min"/> to <paramref name="max"/>; null passes unless <see cref="Required"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TrimmedLengthAttribute(int min, int max) : ValidationAttribute
{
    public bool Required { get; init; }

    public override bool IsValid(object? value) =>
        value is string text ? text.Trim().Length >= min && text.Trim().Length <= max : !Required;
}

/// <summary>An IANA time zone id the server knows (Europe/Berlin); null passes.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string id || MemberClock.FindZone(id) is not null
            ? ValidationResult.Success
            : new ValidationResult($"'{id}' is not a known IANA time zone such as Europe/Berlin or America/New_York.", [validationContext.MemberName ?? ""]);
}
