using Platform.Contracts.Referral;

namespace Platform.Referral.Referrals.FollowUp;

/// <summary>How long a referral may go without news (<c>Referrals:AnswerWithinHours</c>, <c>Referrals:UpdateWithinDays</c>).</summary>
public sealed record FollowUpOptions
{
    public double AnswerWithinHours { get; init; } = 72;

    public double UpdateWithinDays { get; init; } = 14;

    /// <summary>How often the monitor looks for lapsed referrals.</summary>
    public double FollowUpCheckSeconds { get; init; } = 60;

    public TimeSpan AnswerWithin => TimeSpan.FromHours(AnswerWithinHours);

    public TimeSpan UpdateWithin => TimeSpan.FromDays(UpdateWithinDays);
}

public sealed record RaiseFollowUp(DateTimeOffset Now, TimeSpan AnswerWithin, TimeSpan UpdateWithin);

public static class ReferralFollowUp
{
    /// <summary>When the referral lapses as it stands (and why), or null when it cannot lapse (on hold, or ended).</summary>
    public static (FollowUpReason Reason, DateTimeOffset DueAt)? Lapse(Referral state, TimeSpan answerWithin, TimeSpan updateWithin) =>
        state.Status switch
        {
            ReferralStatus.Requested => (FollowUpReason.NoAnswer, state.LastChangedAt + answerWithin),
            ReferralStatus.Accepted or ReferralStatus.InProgress => (FollowUpReason.NoUpdate, state.LastChangedAt + updateWithin),
            _ => null,
        };

    /// <summary>Once per lapse: nothing when not yet due, or when this lapse was already raised (an update re-arms it).</summary>
    public static IReadOnlyList<object> Decide(Referral state, RaiseFollowUp command)
    {
        if (state.FollowUpDueAt is not null) return [];
        if (Lapse(state, command.AnswerWithin, command.UpdateWithin) is not { } lapse || lapse.DueAt > command.Now) return [];
        return [new FollowUpDue(state.CaseId, state.RequestingAgencyId, state.ReceivingAgencyId, lapse.Reason, lapse.DueAt, command.Now)];
    }
}
