namespace Platform.Contracts.Intake;

/// <summary>The client's identity was recorded or changed in Intake's vault; fetch it there, where consent applies.</summary>
public sealed record IdentityRecorded(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Identity;
}

/// <summary>The client's key was destroyed; any copy of the identity an agency kept should be destroyed too.</summary>
public sealed record IdentityErased(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Identity;
}
