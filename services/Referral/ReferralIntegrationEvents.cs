using Platform.EventSourcing;
using Platform.Referral.Referrals;
using Published = Platform.Contracts.Referral;

namespace Platform.Referral;

/// <summary>
/// What Referral tells the other services: every step of a referral and every service delivered, by ids and kinds.
/// A referral is a stream of its own, so the stream id is the referral id and the case version is 0 (as for
/// Communications' messages). The provider directory stays inside Referral.
/// </summary>
public sealed class ReferralIntegrationEvents : IntegrationEventMap
{
    public ReferralIntegrationEvents()
    {
        Map<ReferralRequested>((e, m) => new Published.ReferralRequested(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, e.ReferralId,
            e.RequestingAgencyId, e.ReceivingAgencyId, e.OrganizationId, e.ServiceId, e.ServiceType, e.Need, e.Language, e.InterpreterNeeded));
        Map<ReferralAccepted>((e, m) => new Published.ReferralAccepted(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId, e.ServiceType));
        Map<ReferralRejected>((e, m) => new Published.ReferralRejected(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId, e.Reason));
        Map<ReferralStarted>((e, m) => new Published.ReferralStarted(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId, e.ReceivingAgencyId));
        Map<ReferralPutOnHold>((e, m) => new Published.ReferralOnHold(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId, e.ReceivingAgencyId));
        Map<ReferralCompleted>((e, m) => new Published.ReferralCompleted(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId));
        Map<ReferralFailed>((e, m) => new Published.ReferralFailed(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId, e.Reason));
        Map<ReferralCancelled>((e, m) => new Published.ReferralCancelled(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId));
        Map<ReferralEnteredInError>((e, m) => new Published.ReferralEnteredInError(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ReceivingAgencyId));
        Map<FollowUpDue>((e, m) => new Published.FollowUpDue(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.RequestingAgencyId, e.ReceivingAgencyId, e.Reason, e.DueAt));
        Map<ServiceDelivered>((e, m) => new Published.ServiceDelivered(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ServiceRecordId, e.ProviderAgencyId, e.ServiceType, e.DeliveredOn, e.Units, e.Unit));
        Map<ServiceEnteredInError>((e, m) => new Published.ServiceEnteredInError(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, m.CaseId,
            e.ServiceRecordId, e.ProviderAgencyId));
    }
}
