using Platform.Contracts.Referral;

namespace Platform.Referral.Referrals.Answering;

public sealed record AcceptReferral(string AgencyId, DateTimeOffset Now);

public sealed record RejectReferral(string AgencyId, RejectionReason Reason, DateTimeOffset Now);

/// <summary>The receiving agency answers a request: accepted (it joins the case team) or rejected with a reason.</summary>
public static class ReferralAnswering
{
    public static IReadOnlyList<object> Decide(Referral state, AcceptReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "accept");
        state.MustBeIn("accepted", ReferralStatus.Requested);
        return [new ReferralAccepted(state.CaseId, state.ReceivingAgencyId, state.ServiceType, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, RejectReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "reject");
        state.MustBeIn("rejected", ReferralStatus.Requested);
        return [new ReferralRejected(state.CaseId, state.ReceivingAgencyId, command.Reason, command.Now)];
    }
}
