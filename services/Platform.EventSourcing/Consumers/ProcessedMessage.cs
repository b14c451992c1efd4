namespace Platform.EventSourcing.Consumers;

/// <summary>Marks a message as applied by one consumer; written in the same transaction as the consumer's own changes.</summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset ProcessedAt)
{
    public static string IdFor(Type consumer, Guid messageId) => $"{consumer.Name}/{messageId:N}";
}
