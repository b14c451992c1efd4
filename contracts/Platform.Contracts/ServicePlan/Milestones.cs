namespace Platform.Contracts.ServicePlan;

/// <summary>The events of a victim's case that today reach the case manager late.</summary>
public enum MilestoneKind
{
    Deposition,
    CourtAppearance,
    BenefitRenewal,
    FamilyReunification,
    MedicalAppointment,
    Other,
}

/// <summary>What kind of place a milestone is at. Never a shelter's address: a shelter is a confidential place with no address.</summary>
public enum PlaceKind
{
    Court,
    LawEnforcementOffice,
    ProsecutorOffice,
    Clinic,
    Hospital,
    AgencyOffice,
    GovernmentOffice,
    Virtual,
    Confidential,
    Other,
}

public enum MilestoneStatus
{
    Scheduled,
    Completed,
    Missed,
}

/// <summary>Which category of the case a milestone belongs to: a court date is legal, an appointment medical.</summary>
public static class MilestoneCategories
{
    public static InformationCategory Of(MilestoneKind kind) => kind switch
    {
        MilestoneKind.Deposition or MilestoneKind.CourtAppearance => InformationCategory.Legal,
        MilestoneKind.MedicalAppointment => InformationCategory.Medical,
        MilestoneKind.BenefitRenewal => InformationCategory.Eligibility,
        _ => InformationCategory.ServicePlan,
    };
}

/// <summary>A milestone was scheduled: what, when, what kind of place, and what the client needs to get there.</summary>
public sealed record MilestoneScheduled(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid MilestoneId,
    MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, bool AccompanimentNeeded, string? InterpreterLanguage, bool TransportNeeded)
    : IIntegrationEvent
{
    public InformationCategory Category => MilestoneCategories.Of(Kind);
}

public sealed record MilestoneRescheduled(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid MilestoneId,
    MilestoneKind Kind, DateTimeOffset At, PlaceKind Place) : IIntegrationEvent
{
    public InformationCategory Category => MilestoneCategories.Of(Kind);
}

public sealed record MilestoneCompleted(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid MilestoneId,
    MilestoneKind Kind) : IIntegrationEvent
{
    public InformationCategory Category => MilestoneCategories.Of(Kind);
}

public sealed record MilestoneMissed(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid MilestoneId,
    MilestoneKind Kind) : IIntegrationEvent
{
    public InformationCategory Category => MilestoneCategories.Of(Kind);
}

/// <summary>A milestone is within 48 hours (raised once per scheduled time; a reschedule re-arms it).</summary>
public sealed record MilestoneApproaching(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid MilestoneId,
    MilestoneKind Kind, DateTimeOffset At) : IIntegrationEvent
{
    public InformationCategory Category => MilestoneCategories.Of(Kind);
}
