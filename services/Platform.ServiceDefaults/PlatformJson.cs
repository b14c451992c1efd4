using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
