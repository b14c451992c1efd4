namespace Platform.Contracts.Intake;

public enum CrisisKind
{
    SafetyThreat,
    MedicalEmergency,
    MentalHealthEmergency,
    LossOfHousing,
    LegalEmergency,
    Other,
}

public enum CrisisSeverity
{
    Moderate,
    High,
    Critical,
}

/// <summary>A crisis was reported: the lead case manager is told at once, whatever the hour.</summary>
public sealed record CrisisReported(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid CrisisId,
    CrisisKind Kind,
    CrisisSeverity Severity) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Needs;
}

public sealed record CrisisResolved(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid CrisisId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Needs;
}
