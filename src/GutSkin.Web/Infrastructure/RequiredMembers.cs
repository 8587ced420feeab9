using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// A request body's required members (C# <c>required</c>, as Identity's requests have them), checked after the
/// object is read so that the answer can name each one the JSON left out: the serializer's own check says which
/// only in its message text. The OpenAPI document still lists them as required.
/// </summary>
public static class RequiredMembers
{
    /// <summary>The required members that each object contract checks here, by JSON name.</summary>
    private static readonly ConditionalWeakTable<JsonTypeInfo, string[]> Checked = [];

    /// <summary>Thrown by the serializer's read of an object that lacks required members; it adds the object's path.</summary>
    public sealed class MissingException(IReadOnlyList<string> names)
        : JsonException($"Required members are missing: {string.Join(", ", names)}.")
    {
        public IReadOnlyList<string> Names { get; } = names;
    }

    /// <summary>Makes every object contract of these options check its required members itself (see the class summary).</summary>
    public static void CheckAfterReading(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(CheckAfterReading);

    private static void CheckAfterReading(JsonTypeInfo info)
    {
        // A value-type member cannot be told missing from its default once read: the serializer keeps checking those.
        var required = info.Kind == JsonTypeInfoKind.Object
            ? info.Properties.Where(p => p.IsRequired && p.Get is not null && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)).ToList()
            : [];
        if (required.Count == 0)
        {
            return;
        }

        required.ForEach(p => p.IsRequired = false);
        Checked.AddOrUpdate(info, [.. required.Select(p => p.Name)]);
        var after = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            var missing = required.Where(p => p.Get!(value) is null).Select(p => p.Name).ToList();
            if (missing.Count > 0)
            {
                throw new MissingException(missing);
            }

            after?.Invoke(value);
        };
    }

    /// <summary>Lists the members checked here as required in the OpenAPI document, as the serializer's check would.</summary>
    public sealed class Schema : IOpenApiSchemaTransformer
    {
        public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
        {
            if (Checked.TryGetValue(context.JsonTypeInfo, out var names))
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                schema.Required.UnionWith(names);
            }

            // A record over one of ours (ExperimentResultResponse over the core's ExperimentResult) requires the base's
            // constructor parameters too, first, as when it listed them itself.
            if (context.JsonTypeInfo.Type.BaseType is { Namespace: { } space } parent && space.StartsWith("GutSkin", StringComparison.Ordinal)
                && parent.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() is { Length: > 0 } inherited)
            {
                var naming = context.JsonTypeInfo.Options.PropertyNamingPolicy;
                schema.Required = new HashSet<string>([.. inherited.Select(p => naming?.ConvertName(p.Name!) ?? p.Name!), .. schema.Required ?? Enumerable.Empty<string>()], StringComparer.Ordinal);
            }

            return Task.CompletedTask;
        }
    }
}
