using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Platform.ServiceDefaults;

/// <summary>One JSON shape everywhere: camelCase members, kebab-case enum values, no numbers for enums.</summary>
public static class PlatformJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    /// <summary>How deep a request body may nest (the serializer's own default).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// <see cref="Configure"/>, plus what a request body must respect to be stored: a null for a value declared non-nullable,
    /// at any depth, and an empty GUID are refused with the field's path (a 400 naming it). Responses are written as before.
    /// </summary>
    public static JsonSerializerOptions ConfigureRequests(JsonSerializerOptions options)
    {
        Configure(options);
        options.MaxDepth = MaxDepth;
        options.RespectNullableAnnotations = true;
        options.Converters.Add(new NonEmptyGuidConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(WriteNullsAsBefore);
        return options;
    }

    // Nullability is a rule for what comes in; a response with a null where the type says otherwise is written, not failed.
    private static void WriteNullsAsBefore(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                property.IsGetNullable = true;
    }

    /// <summary>An enum value as the API writes it: <c>CourtAppearance</c> is <c>court-appearance</c>.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
