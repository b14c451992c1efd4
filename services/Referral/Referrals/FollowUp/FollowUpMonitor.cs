using Marten;
using Platform.EventSourcing.Monitors;

namespace Platform.Referral.Referrals.FollowUp;

/// <summary>
/// Raises <c>FollowUpDue</c> once per lapse: a request with no answer within <c>Referrals:AnswerWithinHours</c>, an accepted
/// or started referral with no update within <c>Referrals:UpdateWithinDays</c>; checked every
/// <c>Referrals:FollowUpCheckSeconds</c> on the injected clock. Several instances may run: the decision yields nothing for
/// a lapse already raised, and optimistic concurrency on the referral stream lets only one of two racing instances commit.
/// </summary>
public sealed class FollowUpMonitor(IDocumentStore store, TimeProvider clock, FollowUpOptions options,
    ILogger<FollowUpMonitor> logger) : PeriodicCheck(clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.FollowUpCheckSeconds);

    protected override async Task<bool> RunRoundAsync(CancellationToken ct) => await RaiseDueAsync(ct) == Batch;

    /// <summary>Raises every follow-up due now; returns how many this instance committed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var (unanswered, quiet) = (now - options.AnswerWithin, now - options.UpdateWithin);
        IReadOnlyList<Referral> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Referral>()
                .Where(r => r.FollowUpDueAt == null
                            && ((r.Status == ReferralStatus.Requested && r.LastChangedAt <= unanswered)
                                || ((r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.InProgress) && r.LastChangedAt <= quiet)))
                .OrderBy(r => r.LastChangedAt).Take(Batch)
                .ToListAsync(cancellationToken);

        return await store.DecideEachAsync<Referral>(due.Select(r => r.Id),
            state => ReferralFollowUp.Decide(state, new RaiseFollowUp(now, options.AnswerWithin, options.UpdateWithin)), cancellationToken);
    }
}
