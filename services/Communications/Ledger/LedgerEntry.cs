using System.Text.Json;
using Platform.Contracts;

namespace Platform.Communications.Ledger;

/// <summary>
/// One integration event of any service, as the platform ledger received it. <see cref="Id"/> rises with arrival
/// (the feed's cursor); the event itself is kept whole, and carries no personal data by contract.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public Guid EventId { get; init; }
    public Guid CaseId { get; init; }
    public required string Service { get; init; }
    public required string Type { get; init; }
    public InformationCategory Category { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string ActorAgencyId { get; init; }
    public required JsonElement Data { get; init; }

    /// <summary>The W3C trace context of the command's trace, as the ledger continued it: webhooks and the feed carry it on.</summary>
    public string? TraceParent { get; init; }

    public static LedgerEntry Of(IIntegrationEvent message, string? traceParent = null) => new()
    {
        TraceParent = traceParent,
        EventId = message.EventId,
        CaseId = message.CaseId,
        Service = LedgerNames.ServiceOf(message.GetType()),
        Type = LedgerNames.TypeOf(message.GetType()),
        Category = message.Category,
        OccurredAt = message.OccurredAt,
        ActorAgencyId = message.Actor.AgencyId,
        // Kept in the platform's JSON shape (camelCase, kebab-case values), as the feed and webhooks send it.
        Data = JsonSerializer.SerializeToElement(message, message.GetType(), Platform.ServiceDefaults.PlatformJson.Options),
    };
}
