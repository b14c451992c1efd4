using Platform.Contracts;
using Platform.Contracts.Communications;

namespace Platform.Communications.Messages;

// A case message's stream: posted once, then read by the agencies it reaches.

public sealed record CaseMessagePosted(Guid MessageId, Guid CaseId, string FromAgencyId, MessageKind Kind, InformationCategory Category,
    string Summary, DateTimeOffset PostedAt);

public sealed record CaseMessageRead(string AgencyId, string UserId, DateTimeOffset ReadAt);

public sealed record ReadReceipt(string AgencyId, string UserId, DateTimeOffset ReadAt);

/// <summary>A thin notice that something changed (a court date moved, results are ready), not the content itself.</summary>
public sealed record CaseMessage(Guid Id, Guid CaseId, string FromAgencyId, MessageKind Kind, InformationCategory Category, string Summary,
    DateTimeOffset PostedAt)
{
    public long Version { get; set; }

    public IReadOnlyList<ReadReceipt> ReadBy { get; init; } = [];

    public static CaseMessage Create(CaseMessagePosted e) =>
        new(e.MessageId, e.CaseId, e.FromAgencyId, e.Kind, e.Category, e.Summary, e.PostedAt);

    public CaseMessage Apply(CaseMessageRead e) =>
        ReadBy.Any(r => r.AgencyId == e.AgencyId) ? this : this with { ReadBy = [.. ReadBy, new ReadReceipt(e.AgencyId, e.UserId, e.ReadAt)] };
}
