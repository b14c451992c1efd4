namespace Platform.Referral.Referrals.Withdrawing;

public sealed record CancelReferral(string AgencyId, DateTimeOffset Now);

public sealed record MarkReferralEnteredInError(string AgencyId, DateTimeOffset Now);

/// <summary>The requesting agency withdraws a referral that is still open, or marks one that should never have been made.</summary>
public static class ReferralWithdrawal
{
    public static IReadOnlyList<object> Decide(Referral state, CancelReferral command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Requesting, "cancel");
        state.MustBeIn("cancelled", ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralCancelled(state.CaseId, state.ReceivingAgencyId, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Referral state, MarkReferralEnteredInError command)
    {
        state.MustBeActedOnBy(command.AgencyId, ReferralSide.Requesting, "mark in error");
        state.MustBeIn("marked in error", Enum.GetValues<ReferralStatus>().Where(s => s != ReferralStatus.EnteredInError).ToArray());
        return [new ReferralEnteredInError(state.CaseId, state.ReceivingAgencyId, command.Now)];
    }
}
