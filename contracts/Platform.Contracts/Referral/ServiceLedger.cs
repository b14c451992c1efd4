namespace Platform.Contracts.Referral;

/// <summary>
/// A provider recorded a service it actually delivered to the client of the case. Everything Eligibility needs to
/// claim it for per-capita reimbursement: who delivered what, on which day, how much.
/// </summary>
public sealed record ServiceDelivered(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    Guid ServiceRecordId,
    string ProviderAgencyId,
    ServiceType ServiceType,
    DateOnly DeliveredOn,
    decimal Units,
    ServiceUnit Unit) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}

/// <summary>A recorded service was wrong: it no longer counts (a claim made from it must be withdrawn).</summary>
public sealed record ServiceEnteredInError(
    Guid EventId,
    Guid CaseId,
    long CaseVersion,
    DateTimeOffset OccurredAt,
    Actor Actor,
    Guid ReferralId,
    Guid ServiceRecordId,
    string ProviderAgencyId) : IIntegrationEvent
{
    public InformationCategory Category => InformationCategory.Referrals;
}
