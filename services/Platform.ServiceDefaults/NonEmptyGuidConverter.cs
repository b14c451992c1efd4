using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults;

/// <summary>A GUID in a request body is an id, and no id is all zeros: the empty GUID is refused with the field's path.</summary>
internal sealed class NonEmptyGuidConverter : JsonConverter<Guid>
{
    internal const string EmptyMessage = "The empty GUID is not an id.";

    public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetGuid(out var value))
            throw new JsonException("The JSON value could not be converted to a GUID.");
        return value == Guid.Empty ? throw new UnstorableValueException(EmptyMessage) : value;
    }

    public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A request value the serializer read but no service may store; its message is written for the client.</summary>
internal sealed class UnstorableValueException(string message) : JsonException(message);
