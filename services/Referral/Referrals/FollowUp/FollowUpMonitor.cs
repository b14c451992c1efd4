using Marten;
using Platform.EventSourcing.Http;

namespace Platform.Referral.Referrals.FollowUp;

/// <summary>
/// Raises <c>FollowUpDue</c> once per lapse: a request with no answer within <c>Referrals:AnswerWithinHours</c>, an accepted
/// or started referral with no update within <c>Referrals:UpdateWithinDays</c>; checked every
/// <c>Referrals:FollowUpCheckSeconds</c> on the injected clock. Several instances may run: the decision yields nothing for
/// a lapse already raised, and optimistic concurrency on the referral stream lets only one of two racing instances commit.
/// </summary>
public sealed partial class FollowUpMonitor(IDocumentStore store, TimeProvider clock, FollowUpOptions options,
    ILogger<FollowUpMonitor> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.FollowUpCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RaiseDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, e.GetType().Name);
            }
            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>Raises every follow-up due now; returns how many this instance committed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (unanswered, quiet) = (now - options.AnswerWithin, now - options.UpdateWithin);
        IReadOnlyList<Referral> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Referral>()
                .Where(r => r.FollowUpDueAt == null
                            && ((r.Status == ReferralStatus.Requested && r.LastChangedAt <= unanswered)
                                || ((r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.InProgress) && r.LastChangedAt <= quiet)))
                .OrderBy(r => r.LastChangedAt).Take(Batch)
                .ToListAsync(cancellationToken);

        var raised = 0;
        foreach (var referral in due)
        {
            try
            {
                await using var session = store.LightweightSession();
                var write = await session.DecideAsync<Referral>(referral.Id, null, _ => true,
                    state => ReferralFollowUp.Decide(state, new RaiseFollowUp(now, options.AnswerWithin, options.UpdateWithin)),
                    cancellationToken);
                if (write.Version > referral.Version) raised++;
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                // Another instance raised it (or the referral changed) at the same moment: nothing left to do here.
            }
        }
        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral follow-up check failed with {Error}; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
