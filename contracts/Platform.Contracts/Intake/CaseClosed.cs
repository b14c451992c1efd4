namespace Platform.Contracts.Intake;

public sealed record CaseClosed(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    CaseClosureReason Reason) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

public sealed record CaseReopened(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

public enum CaseClosureReason
{
    GoalsAchieved,
    ClientDeclinedServices,
    ClientUnreachable,
    TransferredOutOfNetwork,
    Relocated,
    Other,
}
