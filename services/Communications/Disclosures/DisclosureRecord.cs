using Platform.Contracts;

namespace Platform.Communications.Disclosures;

/// <summary>One event of a case handed to an agency (by the feed, the stream, later webhooks): who got what, when, how.</summary>
public sealed record DisclosureRecord(Guid Id, Guid CaseId, Guid EventId, string EventType, InformationCategory Category,
    string AgencyId, string UserId, string Channel, DateTimeOffset At);
