using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>One operation of the OpenAPI document: its method, its path template and its node in the document.</summary>
public sealed record ApiOperation(string Method, string Path, JsonElement Node)
{
    public string Name => $"{Method} {Path}";
}

/// <summary>
/// One request of the sweep. <paramref name="Field"/> is the field, parameter or JSON path the request
/// makes bad, when there is one: a 400 must name it. <paramref name="MustRefuse"/> says no 2xx or 3xx is
/// acceptable (the body cannot be read, a value has the wrong type).
/// </summary>
public sealed record SweepCase(string Label, string Method, string Url, Func<HttpContent?> Content, string? Field, bool MustRefuse);

/// <summary>
/// Makes bad requests for every operation of an OpenAPI document, from the document alone: schemas are
/// followed through <c>$ref</c> into <c>components/schemas</c>, so a new endpoint is swept as soon as it is
/// documented.
/// </summary>
public sealed class OpenApiSweep(JsonElement document)
{
    /// <summary>What the sweep writes where a string is expected: a plain date, so date fields and route values get past their first check.</summary>
    public const string SampleText = "2026-06-14";

    /// <summary>
    /// Days the app holds no journal for, sent to every parameter documented as a date (<c>format: date</c>): each
    /// must be refused with a 400 naming the parameter. The test app's clock starts on 2026-06-15 (UTC), so the day
    /// after tomorrow is 2026-06-17.
    /// </summary>
    public static readonly IReadOnlyList<(string Label, string Value)> DaysOutsideTheJournal =
    [
        ("the first day there is", "0001-01-01"),
        ("the last day there is", "9999-12-31"),
        ("the day before 1900", "1899-12-31"),
        ("the day after tomorrow", "2026-06-17"),
    ];

    /// <summary>The key the sweep uses in maps (additionalProperties).</summary>
    public const string MapKey = "sweep";

    private const string SchemaPrefix = "#/components/schemas/";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public JsonElement Document => document;

    public IEnumerable<ApiOperation> Operations()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                yield return new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value);
            }
        }
    }

    /// <summary>Every bad request for one operation, and the request as documented (which may well be refused too).</summary>
    public List<SweepCase> CasesFor(ApiOperation operation)
    {
        var parameters = operation.Node.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var pathParameters = parameters.Where(p => p.GetProperty("in").GetString() == "path").ToList();
        var queryParameters = parameters.Where(p => p.GetProperty("in").GetString() == "query").ToList();
        var body = RequestBody(operation);
        var cases = new List<SweepCase>();

        string Url(string? badParameter = null, string? badValue = null, bool omit = false, string? extraQuery = null)
        {
            var path = operation.Path;
            foreach (var p in pathParameters)
            {
                var name = p.GetProperty("name").GetString()!;
                path = path.Replace("{" + name + "}", name == badParameter ? badValue : RouteValue(p), StringComparison.Ordinal);
            }

            var query = new List<string>();
            foreach (var p in queryParameters)
            {
                var name = p.GetProperty("name").GetString()!;
                if (name == badParameter)
                {
                    if (!omit)
                    {
                        query.Add(badValue!);
                    }
                }
                else if (p.TryGetProperty("required", out var required) && required.GetBoolean())
                {
                    query.Add($"{name}={RouteValue(p)}");
                }
            }

            if (extraQuery is not null)
            {
                query.Add(extraQuery);
            }

            return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        }

        void Add(string label, Func<HttpContent?> content, string? field = null, bool mustRefuse = false, string? url = null) =>
            cases.Add(new SweepCase(label, operation.Method, url ?? Url(), content, field, mustRefuse));

        // As documented, with an unexpected query parameter besides.
        Add("the documented request", body.Baseline);
        Add("an unknown query parameter", body.Baseline, url: Url(extraQuery: "sweepUnknown=1"));

        foreach (var p in pathParameters)
        {
            var name = p.GetProperty("name").GetString()!;
            foreach (var (label, value) in BadRouteValues)
            {
                Add($"path {{{name}}} = {label}", body.Baseline, field: name, url: Url(name, value));
            }

            foreach (var (label, value) in IsDate(p) ? DaysOutsideTheJournal : [])
            {
                Add($"path {{{name}}} = {label}", body.Baseline, field: name, mustRefuse: true, url: Url(name, value));
            }
        }

        foreach (var p in queryParameters)
        {
            var name = p.GetProperty("name").GetString()!;
            var types = Types(p.GetProperty("schema"));
            var typed = types.Contains("integer") || types.Contains("number") || types.Contains("boolean");
            foreach (var (label, value, wrongType) in BadQueryValues(types))
            {
                Add($"query {name} = {label}", body.Baseline, field: name, mustRefuse: wrongType && typed, url: Url(name, $"{name}={value}"));
            }

            foreach (var (label, value) in IsDate(p) ? DaysOutsideTheJournal : [])
            {
                Add($"query {name} = {label}", body.Baseline, field: name, mustRefuse: true, url: Url(name, $"{name}={value}"));
            }

            Add($"query {name} twice", body.Baseline, field: name, url: Url(name, $"{name}={RouteValue(p)}&{name}={RouteValue(p)}"));
            if (p.TryGetProperty("required", out var required) && required.GetBoolean())
            {
                Add($"query {name} missing", body.Baseline, field: name, mustRefuse: true, url: Url(name, omit: true));
            }
        }

        if (body.Json is { } schema)
        {
            AddJsonBodyCases(cases, body, schema, Url(), operation.Method);
        }

        foreach (var mediaType in body.OtherMediaTypes)
        {
            Add($"{mediaType}: bytes that are not text", () => Bytes([0, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A], mediaType));
            Add($"{mediaType}: 1 MB of one line", () => new StringContent(new string('x', 1 << 20), Encoding.UTF8, mediaType));
            Add($"{mediaType}: empty", () => Bytes([], mediaType));
        }

        return cases;
    }

    private void AddJsonBodyCases(List<SweepCase> cases, Body body, JsonElement schema, string url, string method)
    {
        var baseline = Baseline(schema, 0);
        var baselineText = baseline?.ToJsonString() ?? "null";
        var rootTypes = Types(schema);
        var required = body.Required;

        void Add(string label, Func<HttpContent?> content, string? field = null, bool mustRefuse = false) =>
            cases.Add(new SweepCase(label, method, url, content, field, mustRefuse));

        Func<HttpContent?> Json(string text) => () => new StringContent(text, Encoding.UTF8, "application/json");

        // Bodies that are not the documented JSON at all.
        Add("truncated JSON", Json(baselineText[..(baselineText.Length / 2)]), mustRefuse: true);
        Add("text that is not JSON", Json("this is not JSON"), mustRefuse: true);
        Add("JSON with single quotes", Json("{'a': 1}"), mustRefuse: true);
        Add("JSON with a trailing comma", Json(baselineText.EndsWith('}') && baselineText.Length > 2 ? baselineText[..^1] + ",}" : "[1,]"), mustRefuse: true);
        Add("JSON nested 100 deep", Json("{\"a\":" + new string('[', 100) + new string(']', 100) + "}"), mustRefuse: true);
        Add("bytes that are not UTF-8", () => Bytes([(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "application/json"));
        foreach (var (label, text, kind) in new[] { ("a JSON array", "[]", "array"), ("a JSON object", "{}", "object"), ("a JSON number", "42", "number"), ("a JSON string", "\"sweep\"", "string"), ("JSON true", "true", "boolean"), ("JSON null", "null", "null") })
        {
            if (!rootTypes.Contains(kind) && !(kind == "number" && rootTypes.Contains("integer")))
            {
                Add($"the body is {label}", Json(text), mustRefuse: kind != "object");
            }
        }

        Add("an empty body", Json(""), mustRefuse: required);
        Add("no body at all", () => null, mustRefuse: required);
        Add("the body as text/plain", () => new StringContent(baselineText, Encoding.UTF8, "text/plain"), mustRefuse: true);
        Add("the body as a form", () => new FormUrlEncodedContent([new("sweep", baselineText)]), mustRefuse: true);
        Add("the body as multipart", () => new MultipartFormDataContent { { new StringContent(baselineText), "sweep" } }, mustRefuse: true);
        Add("the body as application/xml", () => new StringContent("<sweep/>", Encoding.UTF8, "application/xml"), mustRefuse: true);

        if (baseline is JsonObject)
        {
            var extra = (JsonObject)baseline.DeepClone();
            extra["sweepUnknownField"] = "sweep";
            Add("an unknown field", Json(extra.ToJsonString()));
        }

        // Each field (nested ones too), one way of being wrong at a time.
        foreach (var field in Fields(schema, [], 0))
        {
            var name = JsonPath(field.Path);
            var types = Types(field.Schema);
            Func<HttpContent?> With(JsonNode? value) => Json(Mutate(baseline!, field.Path, value, remove: false));

            foreach (var (label, value) in WrongTypes(types))
            {
                Add($"{name} = {label}", With(value), field: name, mustRefuse: true);
            }

            var nullable = types.Contains("null");
            Add($"{name} = null", With(null), field: nullable ? null : name, mustRefuse: !nullable);
            if (field.Required)
            {
                Add($"{name} missing", Json(Mutate(baseline!, field.Path, null, remove: true)), field: name);
            }

            if (types.Contains("string"))
            {
                Add($"{name} = 100 KB", With(HugeText(100 * 1024)));
                Add($"{name} = 1 MB", With(HugeText(1024 * 1024)), mustRefuse: true);
            }

            if (Concrete(field.Schema) is var map && map.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                var hugeKey = new JsonObject { [new string('k', 100 * 1024)] = Baseline(values, 0) };
                Add($"{name} with a 100 KB key", With(hugeKey));
            }
        }
    }

    private static string HugeText(int length) => new string('x', length - "@example.test".Length) + "@example.test";

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static readonly (string Label, string Value)[] BadRouteValues =
    [
        ("not-a-date", "not-a-date"),
        ("a 20-digit number", "99999999999999999999"),
        ("-1", "-1"),
        ("0", "0"),
        ("1.5", "1.5"),
        ("../../etc", "..%2F..%2Fetc"),
        ("..", "%2E%2E"),
        ("a snowman", "%E2%98%83"),
        ("an emoji", "%F0%9F%92%A9"),
        ("bytes that are not UTF-8", "%FF%FE"),
        ("a space", "%20"),
        ("a zero-width space", "%E2%80%8B"),
        ("5000 nines", new string('9', 5000)),
        ("a date in the year 0", "0000-01-01"),
        ("31 February", "2026-02-31"),
        ("the first day of year 1", "0001-01-01"),
        ("the last day of year 9999", "9999-12-31"),
        ("the day before 1900", "1899-12-31"),
    ];

    private static IEnumerable<(string Label, string Value, bool WrongType)> BadQueryValues(HashSet<string> types)
    {
        if (types.Contains("integer") || types.Contains("number"))
        {
            yield return ("a word", "abc", true);
            yield return ("20 digits", "99999999999999999999", true);
            yield return ("-1", "-1", false);
            yield return ("0", "0", false);
            if (types.Contains("integer"))
            {
                yield return ("1.5", "1.5", true);
            }
        }

        if (types.Contains("boolean"))
        {
            yield return ("maybe", "maybe", true);
            yield return ("2", "2", true);
        }

        yield return ("not-a-date", "not-a-date", false);
        yield return ("the first day of year 1", "0001-01-01", false);
        yield return ("the last day of year 9999", "9999-12-31", false);
        yield return ("empty", "", false);
        yield return ("a NUL", "%00", false);
        yield return ("bytes that are not UTF-8", "%FF%FE", false);
        yield return ("a snowman", "%E2%98%83", false);
        yield return ("5000 nines", new string('9', 5000), false);
    }

    /// <summary>Values of every JSON kind the schema does not allow (a number-as-string must still look like a number).</summary>
    private static IEnumerable<(string Label, JsonNode? Value)> WrongTypes(HashSet<string> types)
    {
        var numeric = types.Contains("integer") || types.Contains("number");
        if (!types.Contains("string") || numeric)
        {
            yield return ("a word", "not-a-number");
        }

        if (!numeric)
        {
            yield return ("a number", 12345);
        }
        else if (!types.Contains("string"))
        {
            // The document says JSON numbers only (no "number or string"): a number in quotes is the wrong type.
            yield return ("a number in quotes", "12");
        }

        if (types.Contains("integer") && !types.Contains("number"))
        {
            yield return ("1.5", 1.5);
            yield return ("a 20-digit number", JsonNode.Parse("99999999999999999999"));
        }

        if (!types.Contains("boolean"))
        {
            yield return ("true", true);
        }

        if (!types.Contains("object"))
        {
            yield return ("an object", new JsonObject { ["sweep"] = "x" });
        }

        if (!types.Contains("array"))
        {
            yield return ("an array", new JsonArray(1));
        }
    }

    private sealed record Field(ImmutableList<object> Path, JsonElement Schema, bool Required);

    /// <summary>Every property of an object schema, and theirs in turn; a map's values under <see cref="MapKey"/>, an array's first item.</summary>
    private IEnumerable<Field> Fields(JsonElement schema, ImmutableList<object> prefix, int depth)
    {
        if (depth > 4)
        {
            yield break;
        }

        var concrete = Concrete(schema);
        var types = Types(concrete);
        if (types.Contains("object"))
        {
            if (concrete.TryGetProperty("properties", out var properties))
            {
                var required = concrete.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
                foreach (var property in properties.EnumerateObject())
                {
                    var path = prefix.Add(property.Name);
                    yield return new Field(path, property.Value, required.Contains(property.Name));
                    foreach (var inner in Fields(property.Value, path, depth + 1))
                    {
                        yield return inner;
                    }
                }
            }
            else if (concrete.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                var path = prefix.Add(MapKey);
                yield return new Field(path, values, false);
                foreach (var inner in Fields(values, path, depth + 1))
                {
                    yield return inner;
                }
            }
        }
        else if (types.Contains("array") && concrete.TryGetProperty("items", out var items))
        {
            var path = prefix.Add(0);
            yield return new Field(path, items, false);
            foreach (var inner in Fields(items, path, depth + 1))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The path System.Text.Json reports for a field, without the leading <c>$.</c>: <c>targets.sweep.min</c>, <c>items[0]</c>.</summary>
    private static string JsonPath(IEnumerable<object> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                text.Append(text.Length == 0 ? "" : ".").Append((string)segment);
            }
        }

        return text.ToString();
    }

    private static string Mutate(JsonNode baseline, ImmutableList<object> path, JsonNode? value, bool remove)
    {
        var root = baseline.DeepClone();
        var parent = root;
        foreach (var segment in path.Take(path.Count - 1))
        {
            parent = segment is int i ? parent[i]! : parent[(string)segment]!;
        }

        switch (path[^1], parent)
        {
            case (int index, JsonArray array) when remove:
                array.RemoveAt(index);
                break;
            case (int index, JsonArray array):
                array[index] = value;
                break;
            case (string name, JsonObject obj) when remove:
                obj.Remove(name);
                break;
            case (string name, JsonObject obj):
                obj[name] = value;
                break;
            default:
                throw new InvalidOperationException($"Cannot change {JsonPath(path)} in {baseline.ToJsonString()}.");
        }

        return root.ToJsonString();
    }

    /// <summary>A well-typed value for a schema: its example if it has one, every property present, strings <see cref="SampleText"/>, numbers 1, booleans true.</summary>
    private JsonNode? Baseline(JsonElement schema, int depth)
    {
        var concrete = Concrete(schema);
        if (concrete.TryGetProperty("enum", out var allowed) && allowed.GetArrayLength() > 0)
        {
            return JsonNode.Parse(allowed[0].GetRawText());
        }

        if (concrete.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        {
            return JsonNode.Parse(examples[0].GetRawText());
        }

        var types = Types(concrete);
        if (types.Contains("object"))
        {
            var obj = new JsonObject();
            if (depth > 5)
            {
                return obj;
            }

            if (concrete.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    obj[property.Name] = Baseline(property.Value, depth + 1);
                }
            }
            else if (concrete.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                obj[MapKey] = Baseline(values, depth + 1);
            }

            return obj;
        }

        if (types.Contains("array"))
        {
            return concrete.TryGetProperty("items", out var items) && depth <= 5 ? new JsonArray(Baseline(items, depth + 1)) : [];
        }

        if (types.Contains("boolean"))
        {
            return true;
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return 1;
        }

        return types.Contains("string") ? SampleText : null;
    }

    /// <summary>True for a parameter the document calls a date (<c>format: date</c>).</summary>
    private bool IsDate(JsonElement parameter) =>
        Concrete(parameter.GetProperty("schema")).TryGetProperty("format", out var format) && format.GetString() == "date";

    private string RouteValue(JsonElement parameter)
    {
        if (Resolve(parameter.GetProperty("schema")).TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return values[0].ToString();
        }

        var types = Types(parameter.GetProperty("schema"));
        return types.Contains("integer") || types.Contains("number") ? "1" : types.Contains("boolean") ? "true" : SampleText;
    }

    private sealed record Body(JsonElement? Json, List<string> OtherMediaTypes, bool Required)
    {
        public Func<HttpContent?> Baseline { get; init; } = () => null;
    }

    private Body RequestBody(ApiOperation operation)
    {
        if (!operation.Node.TryGetProperty("requestBody", out var body))
        {
            return new Body(null, [], false);
        }

        var required = body.TryGetProperty("required", out var r) && r.GetBoolean();
        JsonElement? json = null;
        var others = new List<string>();
        foreach (var media in body.GetProperty("content").EnumerateObject())
        {
            if (media.Name == "application/json" && media.Value.TryGetProperty("schema", out var schema))
            {
                json = schema;
            }
            else
            {
                others.Add(media.Name);
            }
        }

        var baselineText = json is { } s ? Baseline(s, 0)?.ToJsonString() ?? "null" : null;
        return new Body(json, others, required)
        {
            Baseline = baselineText is not null
                ? () => new StringContent(baselineText, Encoding.UTF8, "application/json")
                : others.Count > 0 ? () => new StringContent(SampleText, Encoding.UTF8, others[0]) : () => null,
        };
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = reference.GetString()!;
            if (!target.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The sweep follows only {SchemaPrefix}…, not {target}.");
            }

            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(target[SchemaPrefix.Length..]);
        }

        return schema;
    }

    /// <summary>The schema itself, or the one member of a <c>oneOf</c>/<c>anyOf</c> that is not just null.</summary>
    private JsonElement Concrete(JsonElement schema)
    {
        schema = Resolve(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                foreach (var member in members.EnumerateArray().Select(Resolve))
                {
                    if (Types(member).Any(t => t != "null"))
                    {
                        return member;
                    }
                }
            }
        }

        return schema;
    }

    /// <summary>The JSON kinds a schema allows: its <c>type</c> (one or a list), through references and combinators.</summary>
    private HashSet<string> Types(JsonElement schema)
    {
        schema = Resolve(schema);
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else
            {
                types.UnionWith(type.EnumerateArray().Select(t => t.GetString()!));
            }
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var members))
            {
                foreach (var member in members.EnumerateArray())
                {
                    types.UnionWith(Types(member));
                }
            }
        }

        if (types.Count == 0 && (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _)))
        {
            types.Add("object");
        }

        return types;
    }
}
