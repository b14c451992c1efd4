using Marten;
using Platform.EventSourcing.Http;
using Platform.ServicePlan.Plans.Milestones;

namespace Platform.ServicePlan.Plans.Deadlines;

/// <summary>
/// Raises what falls due on the injected clock: a plan review (<c>PlanReviewDue</c>) and each milestone's 48-hour notice
/// (<c>MilestoneApproaching</c>), once each. It finds plans by their <see cref="Plan.NextDeadline"/> (a column of the plan
/// snapshot); a stopped monitor catches up when it starts; two running monitors append each notice once, because the
/// decision yields nothing for a notice already raised and optimistic concurrency lets one of two racing appends commit.
/// </summary>
public sealed partial class PlanDeadlineMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<PlanDeadlineMonitor> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Plans:DeadlineCheckSeconds", 30.0));
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

    /// <summary>Raises every notice due now; returns how many plans it changed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Plan>().Where(p => p.NextDeadline <= now).OrderBy(p => p.NextDeadline).Select(p => p.Id).Take(Batch)
                .ToListAsync(ct);

        var changed = 0;
        foreach (var planId in due)
        {
            await using var session = store.LightweightSession();
            try
            {
                var write = await session.DecideAsync<Plan>(planId, null, _ => true, plan => PlanMilestones.Decide(plan, new RaiseDue(now)), ct);
                if (write.Outcome == StreamWriteOutcome.Written) changed++;
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                // Another monitor (or a command) appended first; the next round decides on the new state.
            }
        }
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan deadline check failed with {Error}; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
