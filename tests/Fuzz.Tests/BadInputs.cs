using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Fuzz.Tests;

/// <summary>One request the fuzzer sends: a name for the report, the path and query, and the body as bytes (null: no body).</summary>
public sealed record FuzzRequest(string Input, string Method, string PathAndQuery, byte[]? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Kestrel refuses a NUL in the decoded path itself, before any application code, with a bare 400 (README, "Bad input").</summary>
    public bool RefusedByKestrel => Input.EndsWith(": NUL", StringComparison.Ordinal) && Input.StartsWith("path ", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {PathAndQuery} [{Input}]";
}

/// <summary>
/// The inputs no service may answer with a 5xx, derived from an operation of the OpenAPI document: every input that cannot be
/// stored (a NUL in a string, a null in a list or for a field, an empty GUID), malformed JSON, wrong types, a huge and a deeply
/// nested body, bad query values and bad path values.
/// </summary>
public static class BadInputs
{
    private const string EmptyGuid = "00000000-0000-0000-0000-000000000000";
    private const int MaxLeafMutations = 60;

    public static IEnumerable<FuzzRequest> For(Operation operation, Func<OperationParameter, string> pathValue)
    {
        var path = Path(operation, pathValue, null, null);
        var query = string.Join("&", operation.Parameters.Where(p => p.In == "query").Select(p => $"{p.Name}={Uri.EscapeDataString(Plausible(p))}"));
        var url = query.Length > 0 ? $"{path}?{query}" : path;
        var valid = operation.SampleBody?.ToJsonString();

        yield return new("as documented", operation.Method, url, Bytes(valid));

        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
            foreach (var (label, value) in new[] { ("empty guid", EmptyGuid), ("not a guid", "not-a-guid"), ("NUL", "%00"),
                         ("control character", "%01"), ("invalid UTF-8", "%C0%AF"), ("long", new string('a', 3000)) })
                yield return new($"path {p.Name}: {label}", operation.Method, Path(operation, pathValue, p.Name, value) + (query.Length > 0 ? "?" + query : ""),
                    Bytes(valid));

        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
            foreach (var (label, value) in new[] { ("NUL", "a%00b"), ("control character", "%07"), ("empty guid", EmptyGuid),
                         ("wrong type", "not-a-number"), ("negative", "-1"), ("huge number", "99999999999999999999999"),
                         ("long", new string('q', 5000)), ("invalid UTF-8", "%FF%FE"), ("empty", "") })
                yield return new($"query {p.Name}: {label}", operation.Method, $"{path}?{p.Name}={value}", Bytes(valid));

        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            yield return new("header Idempotency-Key: control character", operation.Method, url, Bytes(valid),
                new Dictionary<string, string> { ["Idempotency-Key"] = "key\u0001one" });
            yield return new("header If-Match: garbage", operation.Method, url, Bytes(valid),
                new Dictionary<string, string> { ["If-Match"] = "\"\u0007\" , W/" });
        }

        if (operation.SampleBody is null && operation.Method is not ("POST" or "PUT" or "PATCH")) yield break;

        foreach (var (label, body) in Generic()) yield return new($"body: {label}", operation.Method, url, body);
        if (operation.SampleBody is null) yield break;

        var mutations = 0;
        foreach (var (label, mutated) in Leaves(operation.SampleBody))
        {
            if (++mutations > MaxLeafMutations) break;
            yield return new($"body {label}", operation.Method, url, Bytes(mutated.ToJsonString()));
        }
    }

    /// <summary>Bodies wrong whatever the operation.</summary>
    private static IEnumerable<(string, byte[])> Generic()
    {
        yield return ("malformed JSON", Bytes("{\"a\": ")!);
        yield return ("not JSON", Bytes("hello")!);
        yield return ("null", Bytes("null")!);
        yield return ("a string", Bytes("\"x\"")!);
        yield return ("a list", Bytes("[1,2]")!);
        yield return ("a list of null", Bytes("[null]")!);
        yield return ("empty", []);
        yield return ("NUL in a property name", Bytes("{\"a\\u0000\":1}")!);
        yield return ("raw control character", Bytes("{\"a\":\"\u0001\"}")!);
        yield return ("invalid UTF-8", [.. Encoding.ASCII.GetBytes("{\"a\":\""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}")]);
        yield return ("lone surrogate escape", Bytes("{\"a\":\"\\ud800\"}")!);
        yield return ("deeply nested lists (depth 1000)", Bytes(new string('[', 1000) + new string(']', 1000))!);
        yield return ("deeply nested objects (depth 1000)", Bytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000))!);
        yield return ("huge (2 MB)", Bytes($"{{\"a\":\"{new string('x', 2_000_000)}\"}}")!);
        yield return ("many properties", Bytes("{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"p{i}\":{i}")) + "}")!);
    }

    /// <summary>The sample body with one value changed at a time, at any depth.</summary>
    private static IEnumerable<(string, JsonNode)> Leaves(JsonNode body)
    {
        var root = body.DeepClone();
        var positions = new List<(string Path, Action<JsonNode?> Set, JsonNode? Current)>();
        Collect(root, "", positions);
        foreach (var (path, set, current) in positions)
        {
            var field = path.Length == 0 ? "body" : path;
            var variants = new List<(string, JsonNode?)> { ("null", null), ("wrong type (object)", new JsonObject { ["x"] = 1 }), ("wrong type (number)", 12345) };
            switch (current)
            {
                case JsonValue v when v.TryGetValue<string>(out var text):
                    variants.Add(("NUL", text + "\u0000"));
                    variants.Add(("only NUL", "\u0000"));
                    variants.Add(("control characters", "\u0001\u001f"));
                    variants.Add(("empty guid", EmptyGuid));
                    variants.Add(("long", new string('x', 100_000)));
                    variants.Add(("empty", ""));
                    break;
                case JsonArray:
                    variants.Add(("[null]", new JsonArray((JsonNode?)null)));
                    variants.Add(("[\"\\u0000\"]", new JsonArray("\u0000")));
                    variants.Add(("a string", "x"));
                    variants.Add(("empty list", new JsonArray()));
                    break;
                case JsonValue number when number.TryGetValue<double>(out _):
                    variants.Add(("negative", -1));
                    variants.Add(("huge", JsonNode.Parse("1e400")));
                    variants.Add(("a string", "1"));
                    break;
            }
            foreach (var (label, value) in variants)
            {
                set(value?.DeepClone());
                yield return ($"{field}: {label}", root.DeepClone());
            }
            set(current);
        }
    }

    // Each position keeps its original node, put back after each variant, so positions below it stay attached to the body.
    private static void Collect(JsonNode? node, string path, List<(string, Action<JsonNode?>, JsonNode?)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    into.Add((child, v => o[name] = v, o[name]));
                    Collect(o[name], child, into);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var index = i;
                    into.Add(($"{path}[{i}]", v => a[index] = v, a[i]));
                    Collect(a[i], $"{path}[{i}]", into);
                }
                break;
        }
    }

    private static string Path(Operation operation, Func<OperationParameter, string> pathValue, string? replaced, string? with)
    {
        var path = operation.PathTemplate;
        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
            path = path.Replace($"{{{p.Name}}}", p.Name == replaced ? with! : Uri.EscapeDataString(pathValue(p)));
        return path;
    }

    private static string Plausible(OperationParameter p) =>
        p.Schema is { } schema ? OpenApiOperations.Sample([], schema, 0) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            { } other => other.ToJsonString(),
            null => "x",
        } : "x";

    private static byte[]? Bytes(string? json) => json is null ? null : Encoding.UTF8.GetBytes(json);
}
