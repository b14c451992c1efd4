namespace Platform.Contracts.Intake;

/// <summary>What an agency does for the client on the case team.</summary>
public enum TeamRole
{
    Shelter,
    Medical,
    Legal,
    Interpretation,
    Benefits,
    LawEnforcement,
    Other,
}

/// <summary>An agency joined the case team; what it may see still depends on the client's consent.</summary>
public sealed record AgencyJoinedCase(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string AgencyId,
    TeamRole Role) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

public sealed record AgencyLeftCase(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string AgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}
