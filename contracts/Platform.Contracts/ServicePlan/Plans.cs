using Platform.Contracts.Intake;

namespace Platform.Contracts.ServicePlan;

/// <summary>A goal's lifecycle, after FHIR Goal.lifecycleStatus.</summary>
public enum GoalStatus
{
    Proposed,
    Accepted,
    Active,
    OnHold,
    Completed,
    Cancelled,
    EnteredInError,
}

/// <summary>How a goal is going, after FHIR Goal.achievementStatus.</summary>
public enum GoalAchievement
{
    InProgress,
    Improving,
    Worsening,
    NoChange,
    Achieved,
    Sustaining,
    NotAchieved,
    NoProgress,
    NotAttainable,
}

/// <summary>How the client agreed to a version of the plan.</summary>
public enum AgreementMethod
{
    Signed,
    VerbalWithWitness,
}

/// <summary>A case's plan began (when the case opened); its lead agency keeps it with the client.</summary>
public sealed record PlanStarted(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, string LeadAgencyId)
    : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>A goal was set for a need domain (proposed until the client agrees). The outcome in the client's words stays in ServicePlan.</summary>
public sealed record GoalSet(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid GoalId,
    NeedDomain Domain, GoalStatus Status, DateOnly? TargetDate) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>A goal's wording or target date changed.</summary>
public sealed record GoalRevised(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid GoalId,
    DateOnly? TargetDate) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>A goal moved in its lifecycle (accepted, active, on hold, completed, cancelled, entered in error).</summary>
public sealed record GoalStatusChanged(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid GoalId,
    GoalStatus From, GoalStatus To) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>Progress on a goal was recorded (the words of it stay in ServicePlan).</summary>
public sealed record GoalProgressRecorded(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid GoalId,
    GoalAchievement Achievement) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>The client agreed to this version of the plan.</summary>
public sealed record PlanAgreedByClient(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, long PlanVersion,
    AgreementMethod Method) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>The plan was reviewed with the client; the next review falls due on <see cref="NextReviewOn"/>.</summary>
public sealed record PlanReviewed(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, DateOnly NextReviewOn)
    : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>A review fell due (raised once per review date).</summary>
public sealed record PlanReviewDue(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, DateOnly DueOn)
    : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ServicePlan;
}

/// <summary>The safety plan has a new version; its content never leaves ServicePlan, and only the lead agency reads it.</summary>
public sealed record SafetyPlanUpdated(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, int SafetyPlanVersion)
    : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.ContactLocation;
}
