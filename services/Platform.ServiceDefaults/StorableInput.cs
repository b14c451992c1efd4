using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Refuses, before any endpoint runs, what no service can store: a NUL or other control character in a path, query or header
/// value, and in a JSON body a NUL in any string or property name, text that is not valid Unicode, or a null inside a list.
/// Each is a 400 problem naming the field at fault. The typed rules (a null for a non-nullable value, an empty GUID) are in
/// <see cref="PlatformJson.ConfigureRequests"/>, and an empty GUID in a route is an unknown id (<see cref="NonEmptyGuidRouteConstraint"/>).
/// </summary>
internal static class StorableInput
{
    private const string Title = "The request is not valid";

    internal static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        if ((FirstUnstorableValue(context.Request) ?? await FirstUnstorableInBodyAsync(context.Request)) is var (field, message))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, Title, $"The value of '{field}' cannot be stored.",
                new Dictionary<string, string[]> { [field] = [message] });
            return;
        }
        await next(context);
    }

    private static (string Field, string Message)? FirstUnstorableValue(HttpRequest request)
    {
        if (HasControlCharacter(request.Path.Value)) return ("path", "The path contains a control character.");
        foreach (var (name, values) in request.Query)
        {
            if (HasControlCharacter(name)) return ("query", "A query parameter name contains a control character.");
            foreach (var value in values)
                if (HasControlCharacter(value)) return (name, "The value contains a control character.");
        }
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
                if (HasControlCharacter(value, allowTab: true)) return (name, "The header value contains a control character.");
        return null;
    }

    private static async Task<(string Field, string Message)?> FirstUnstorableInBodyAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType) || request.ContentLength == 0) return null;
        request.EnableBuffering();
        var body = await ReadAllAsync(request);
        request.Body.Position = 0;
        return Scan(body);
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>
    /// Walks the body once, keeping the path of each value (<c>needs[0].domain</c>). A body that is not well-formed JSON is left
    /// to the endpoint, which answers it as it always has (or ignores it, when it takes no body).
    /// </summary>
    internal static (string Field, string Message)? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = PlatformJson.MaxDepth });
        var path = new List<(string? Property, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add((null, reader.TokenType == JsonTokenType.StartArray ? -1 : -2));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = StringOf(ref reader, out var invalid);
                        path[^1] = (name ?? "?", -2);
                        if (invalid is not null || name!.Contains('\0'))
                            return (Field(path), invalid ?? "A property name contains a NUL character.");
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        var text = StringOf(ref reader, out var bad);
                        if (bad is not null) return (Field(path), bad);
                        if (text!.Contains('\0')) return (Field(path), "The text contains a NUL character, which cannot be stored.");
                        break;
                    case JsonTokenType.Null when path.Count > 0 && path[^1].Index != -2:
                        Advance(path);
                        return (Field(path), "A list cannot hold null.");
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    // An array frame counts its elements; an object frame holds the property being read (index -2).
    private static void Advance(List<(string? Property, int Index)> path)
    {
        if (path.Count > 0 && path[^1].Index >= -1) path[^1] = (null, path[^1].Index + 1);
    }

    private static string Field(List<(string? Property, int Index)> path)
    {
        var field = new StringBuilder();
        foreach (var (property, index) in path)
        {
            if (index >= 0) field.Append('[').Append(index).Append(']');
            else if (property is not null) field.Append(field.Length > 0 ? "." : "").Append(property);
        }
        return field.Length == 0 ? "body" : field.ToString();
    }

    private static string? StringOf(ref Utf8JsonReader reader, out string? invalid)
    {
        invalid = null;
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            invalid = "The text is not valid UTF-8 or holds an unpaired surrogate.";
            return null;
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static bool HasControlCharacter(string? value, bool allowTab = false)
    {
        if (value is null) return false;
        foreach (var c in value)
            if (char.IsControl(c) && !(allowTab && c == '\t')) return true;
        return false;
    }
}
