namespace Platform.Contracts.Intake;

/// <summary>The lead agency asked another agency to take the lead of the case.</summary>
public sealed record TransferRequested(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string ToAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>The receiving agency accepted: it is the lead agency now, and the former lead no longer sees the case.</summary>
public sealed record CaseTransferred(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string FromAgencyId,
    string ToAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

public sealed record TransferDeclined(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string ToAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}
