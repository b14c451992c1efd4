namespace Platform.Contracts.Intake;

/// <summary>The lead agency assigned the case's case manager (an opaque user id of that agency).</summary>
public sealed record CaseManagerAssigned(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string CaseManagerId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}
