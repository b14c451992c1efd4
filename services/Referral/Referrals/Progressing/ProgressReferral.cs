using Platform.Contracts.Referral;

namespace Platform.Referral.Referrals.Progressing;

public sealed record StartReferral(string AgencyId, DateTimeOffset Now);

public sealed record PutReferralOnHold(string AgencyId, DateTimeOffset Now);

public sealed record CompleteReferral(string AgencyId, DateTimeOffset Now);

public sealed record FailReferral(string AgencyId, FailureReason Reason, DateTimeOffset Now);

/// <summary>
/// The receiving agency carries an accepted referral through: accepted -> in-progress &lt;-> on-hold -> completed | failed.
/// Completion needs the service to have started; failure may come before it started (the client never came).
/// </summary>
public static class ReferralProgress
{
    public static IReadOnlyList<object> Decide(Referral state, StartReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "start");
        state.MustBeIn("started", ReferralStatus.Accepted, ReferralStatus.OnHold);
        return [new ReferralStarted(state.CaseId, state.ReceivingAgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, PutReferralOnHold command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "put on hold");
        state.MustBeIn("put on hold", ReferralStatus.InProgress);
        return [new ReferralPutOnHold(state.CaseId, state.ReceivingAgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, CompleteReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "complete");
        state.MustBeIn("completed", ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralCompleted(state.CaseId, state.ReceivingAgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, FailReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Receiving, "fail");
        state.MustBeIn("failed", ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralFailed(state.CaseId, state.ReceivingAgencyId, command.Reason, command.Now)];
    }
}
