using System.Text.Json.Nodes;

namespace Platform.Fuzz.Tests;

public sealed record OperationParameter(string Name, string In, JsonObject? Schema);

/// <summary>One operation of a service's OpenAPI document: what the fuzzer needs to call it with a well-formed request.</summary>
public sealed record Operation(string Method, string PathTemplate, IReadOnlyList<OperationParameter> Parameters, JsonNode? SampleBody)
{
    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>Reads the operations of an OpenAPI 3 document and makes a plausible request body from each schema.</summary>
public static class OpenApiOperations
{
    private const int MaxSchemaDepth = 8;

    public static IReadOnlyList<Operation> Read(JsonObject document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || method is "parameters" or "summary" or "description") continue;
                var parameters = (operation["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(document, p!.AsObject()))
                    .Select(p => new OperationParameter((string)p["name"]!, (string)p["in"]!, p["schema"] is JsonObject s ? Resolve(document, s) : null))
                    .ToList();
                var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var body = schema is JsonObject bodySchema ? Sample(document, bodySchema, 0) : null;
                operations.Add(new Operation(method.ToUpperInvariant(), path, parameters, body));
            }
        }
        return operations;
    }

    private static JsonObject Resolve(JsonObject document, JsonObject schema)
    {
        for (var i = 0; i < 16 && schema["$ref"] is JsonValue reference; i++)
        {
            JsonNode? target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/')) target = target?[part];
            schema = target as JsonObject ?? [];
        }
        return schema;
    }

    /// <summary>A value the schema accepts, as far as the schema tells (enums take their first value).</summary>
    public static JsonNode? Sample(JsonObject document, JsonObject schema, int depth)
    {
        schema = Resolve(document, schema);
        if (depth > MaxSchemaDepth) return null;
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
            if (schema[key] is JsonArray choices)
                foreach (var choice in choices)
                    if (choice is JsonObject c && TypeOf(Resolve(document, c)) != "null")
                        return Sample(document, c, depth + 1);
        if (schema["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first) return first.DeepClone();
        return TypeOf(schema) switch
        {
            "object" => SampleObject(document, schema, depth),
            "array" => new JsonArray(schema["items"] is JsonObject items ? Sample(document, items, depth + 1) : "x"),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => (string?)schema["format"] switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date" => "2027-01-15",
                "date-time" => "2027-01-10T15:00:00Z",
                "uri" => "https://hooks.example.org/platform",
                _ => "es",
            },
            _ => schema["properties"] is not null ? SampleObject(document, schema, depth) : "es",
        };
    }

    private static JsonObject SampleObject(JsonObject document, JsonObject schema, int depth)
    {
        var sample = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            if (property is JsonObject p) sample[name] = Sample(document, p, depth + 1);
        return sample;
    }

    /// <summary>The schema's type; OpenAPI 3.1 may give a list such as ["null","string"], of which the non-null one counts.</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue single => (string?)single,
        JsonArray many => many.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "null",
        _ => null,
    };
}
