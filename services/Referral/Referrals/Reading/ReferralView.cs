using Platform.Contracts.Intake;
using Platform.Contracts.Referral;

namespace Platform.Referral.Referrals.Reading;

public sealed record ServiceRecordView(Guid Id, string ProviderAgencyId, ServiceType ServiceType, DateOnly DeliveredOn, decimal Units,
    ServiceUnit Unit, DateTimeOffset RecordedAt, bool EnteredInError)
{
    public static ServiceRecordView Of(ServiceRecord s) =>
        new(s.Id, s.ProviderAgencyId, s.ServiceType, s.DeliveredOn, s.Units, s.Unit, s.RecordedAt, !s.Counts);
}

/// <summary>A referral as both sides see it: ids, kinds, states and times; nothing about who the client is.</summary>
public sealed record ReferralView(
    Guid Id,
    Guid CaseId,
    string RequestingAgencyId,
    string ReceivingAgencyId,
    Guid OrganizationId,
    Guid ServiceId,
    ServiceType ServiceType,
    NeedDomain Need,
    string Language,
    bool InterpreterNeeded,
    ReferralStatus Status,
    RejectionReason? RejectionReason,
    FailureReason? FailureReason,
    DateTimeOffset RequestedAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? FollowUpDueAt,
    FollowUpReason? FollowUpReason,
    int ServicesDelivered,
    long Version)
{
    public static ReferralView Of(Referral r) =>
        new(r.Id, r.CaseId, r.RequestingAgencyId, r.ReceivingAgencyId, r.OrganizationId, r.ServiceId, r.ServiceType, r.Need, r.Language,
            r.InterpreterNeeded, r.Status, r.RejectionReason, r.FailureReason, r.RequestedAt, r.LastChangedAt, r.FollowUpDueAt,
            r.FollowUpReason, r.Services.Count(s => s.Counts), r.Version);
}
