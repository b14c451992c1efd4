namespace Platform.Contracts.Referral;

// A referral's life (Gravity / FHIR Task states). Each event names the case, never the client: ids, kinds and times only.
// CaseVersion is 0: a referral is a stream of its own in Referral, not a version of the case.

/// <summary>An agency on the case asked a provider agency for a service.</summary>
public sealed record ReferralRequested(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string RequestingAgencyId,
    string ReceivingAgencyId,
    Guid OrganizationId,
    Guid ServiceId,
    ServiceType ServiceType,
    Intake.NeedDomain Need,
    string Language,
    bool InterpreterNeeded) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>The provider agency accepted: it joins the case team (what it may see still depends on consent).</summary>
public sealed record ReferralAccepted(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId,
    ServiceType ServiceType) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

public sealed record ReferralRejected(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId,
    RejectionReason Reason) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>The provider started the service (or resumed it after a hold).</summary>
public sealed record ReferralStarted(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

public sealed record ReferralOnHold(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

public sealed record ReferralCompleted(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

public sealed record ReferralFailed(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId,
    FailureReason Reason) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>The requesting agency withdrew the referral.</summary>
public sealed record ReferralCancelled(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>The referral should never have existed; whatever followed from it (services delivered included) is void.</summary>
public sealed record ReferralEnteredInError(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string ReceivingAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>A referral lapsed (no answer, or no update) at <paramref name="DueAt"/>; raised once per lapse.</summary>
public sealed record FollowUpDue(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    string RequestingAgencyId,
    string ReceivingAgencyId,
    FollowUpReason Reason,
    DateTimeOffset DueAt) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}
