using System.Text.Json.Serialization;
using Platform.Communications.Ledger;

namespace Platform.Communications.Feed;

/// <summary>
/// A ledger entry as a CloudEvents 1.0 structured event, the envelope of the feed and of webhooks. <c>traceparent</c> is the
/// Distributed Tracing extension: the trace of the command that caused the event, for an agency to quote.
/// </summary>
public sealed record CloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("partitionkey")] string PartitionKey,
    [property: JsonPropertyName("sequence")] string Sequence,
    [property: JsonPropertyName("data")] object Data,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null)
{
    public const string MediaType = "application/cloudevents+json";

    public static CloudEvent Of(LedgerEntry entry) =>
        new("1.0", entry.EventId.ToString(), $"/api/{entry.Service}", entry.Type, entry.OccurredAt, $"cases/{entry.CaseId}",
            "application/json", entry.CaseId.ToString(), entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Data,
            entry.TraceParent);
}
