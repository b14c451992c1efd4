namespace Platform.Contracts.Disclosure;

public enum ReadOutcome
{
    Shown,
    Refused,
    Erased,
}

/// <summary>
/// Somebody read (or tried to read) case data: who, which agency, which case, which categories, when, and what they
/// got. Published by every service that shows case data, so Communications can keep the disclosure log.
/// </summary>
public sealed record CaseDataRead(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string Resource,
    IReadOnlyList<InformationCategory> Categories,
    ReadOutcome Outcome) : IIntegrationEvent
{
    /// <summary>The most sensitive category read: identity first, then in the order categories are listed.</summary>
    public InformationCategory Category => Categories.Count == 0 ? InformationCategory.ServicePlan : Categories.Min();
}
