namespace Platform.Contracts.Intake;

/// <summary>The domains in which the case manager and the client assess needs together.</summary>
public enum NeedDomain
{
    Safety,
    Housing,
    Medical,
    MentalHealth,
    Legal,
    Immigration,
    Interpretation,
    Education,
    Employment,
    LifeSkills,
    Transportation,
    Benefits,
    FamilyReunification,
}

public enum Urgency
{
    None,
    Low,
    Moderate,
    High,
    Urgent,
}

public sealed record NeedLevel(NeedDomain Domain, Urgency Urgency);

/// <summary>The needs were (re)assessed. The client's strengths, in the client's words, stay in Intake.</summary>
public sealed record NeedsAssessed(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    IReadOnlyList<NeedLevel> Needs) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Needs;
}
