namespace Platform.Contracts.Intake;

/// <summary>A case was opened; the actor's agency is its lead agency.</summary>
public sealed record CaseOpened(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string LeadAgencyId,
    ReferralSource ReferralSource,
    ClientCategory ClientCategory,
    AgeGroup AgeGroup,
    TraffickingType TraffickingType,
    string PreferredLanguage,
    bool InterpreterNeeded) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Needs;
}
