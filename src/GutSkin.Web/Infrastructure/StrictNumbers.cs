using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// The web JSON defaults read numbers from strings, and the OpenAPI document says so ("number or string").
/// A property marked <c>[JsonNumberHandling(Strict)]</c> takes JSON numbers only: its schema, and that of
/// the values of a map it holds, loses the string.
/// </summary>
public sealed class StrictNumbers : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.NumberHandling == JsonNumberHandling.Strict)
        {
            foreach (var numbers in new[] { schema, schema.AdditionalProperties, schema.Items }.OfType<OpenApiSchema>())
            {
                NumbersOnly(numbers);
            }
        }

        return Task.CompletedTask;
    }

    private static void NumbersOnly(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Number | JsonSchemaType.Integer)) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }
}
