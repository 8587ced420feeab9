using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Lists in the OpenAPI document the problem documents every operation can answer whatever its handler
/// says: 400 when it reads parameters or a body, 415 when it reads a body, 409 when it writes (a concurrent
/// write won), 404 when its route has values, 401 and 403 when it needs a signed-in member or a role, 429
/// when it is rate limited. A 4xx the
/// handler declares without a body (TypedResults.NotFound()) is written as a problem document by the
/// status-code pages, so it is listed as one.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problem = await ComponentAsync(context, typeof(ProblemDetails), cancellationToken);
        var validation = await ComponentAsync(context, typeof(HttpValidationProblemDetails), cancellationToken);
        operation.Responses ??= [];

        void Ensure(int status, string description)
        {
            var code = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(code))
            {
                operation.Responses[code] = new OpenApiResponse { Description = description };
            }
        }

        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
        {
            Ensure(StatusCodes.Status400BadRequest, "A value could not be read or is not valid; `errors` names the field.");
        }

        if (operation.RequestBody is not null)
        {
            Ensure(StatusCodes.Status415UnsupportedMediaType, "The body is not in a media type this operation reads.");
        }

        if (!HttpMethods.IsGet(context.Description.HttpMethod ?? "GET"))
        {
            Ensure(StatusCodes.Status409Conflict, "Another request changed the same data at the same moment; nothing was saved, send it again.");
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Ensure(StatusCodes.Status404NotFound, "Nothing is found at this address.");
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Ensure(StatusCodes.Status401Unauthorized, "Not signed in.");
            if (authorize.Any(a => a.Policy is not null || a.Roles is not null))
            {
                Ensure(StatusCodes.Status403Forbidden, "Signed in without the role this operation needs.");
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Ensure(StatusCodes.Status429TooManyRequests, "Too many requests; Retry-After says when to try again.");
        }

        // Every 4xx and 5xx is a problem document: give those listed without a body (or with a plain one) its schema.
        foreach (var (code, response) in operation.Responses)
        {
            if (code.Length == 3 && code[0] is '4' or '5' && response is OpenApiResponse listed
                && (listed.Content is null || !listed.Content.ContainsKey("application/problem+json")))
            {
                listed.Content ??= new Dictionary<string, OpenApiMediaType>();
                listed.Content.Clear();
                listed.Content["application/problem+json"] = new OpenApiMediaType { Schema = code == "400" ? validation : problem };
            }
        }
    }

    /// <summary>A reference to the type's schema among the document's components, added there when missing.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var components = context.Document!.Components ??= new OpenApiComponents();
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!components.Schemas.ContainsKey(type.Name))
        {
            components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        return new OpenApiSchemaReference(type.Name, context.Document);
    }
}
