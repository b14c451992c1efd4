using Platform.Contracts.Referral;

namespace Platform.Contracts.Eligibility;

/// <summary>A delivered service falls inside an open per-capita window whose program covers it: it is claimed for reimbursement.</summary>
public sealed record ServiceClaimed(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid ServiceRecordId,
    Guid ReferralId, string ProviderAgencyId, ServiceType ServiceType, DateOnly DeliveredOn, decimal Units, ServiceUnit Unit, Guid WindowId,
    string ProgramId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A delivered service cannot be claimed, and why.</summary>
public sealed record ServiceNotReimbursable(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor,
    Guid ServiceRecordId, Guid ReferralId, string ProviderAgencyId, ServiceType ServiceType, DateOnly DeliveredOn,
    NotReimbursableReason Reason) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}

/// <summary>A claim was withdrawn because the service (or its whole referral) was entered in error.</summary>
public sealed record ClaimVoided(Guid EventId, Guid CaseId, long CaseVersion, DateTimeOffset OccurredAt, Actor Actor, Guid ServiceRecordId,
    string ProgramId, ClaimVoidReason Reason) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Eligibility;
}
