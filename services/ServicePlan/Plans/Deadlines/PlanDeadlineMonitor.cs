using Marten;
using Platform.EventSourcing.Monitors;
using Platform.ServicePlan.Plans.Milestones;

namespace Platform.ServicePlan.Plans.Deadlines;

/// <summary>
/// Raises what falls due on the injected clock: a plan review (<c>PlanReviewDue</c>) and each milestone's 48-hour notice
/// (<c>MilestoneApproaching</c>), once each. It finds plans by their <see cref="Plan.NextDeadline"/> (a column of the plan
/// snapshot); a stopped monitor catches up when it starts; two running monitors append each notice once
/// (<see cref="DueDecisions.DecideEachAsync{TState}"/>). Every <c>Plans:DeadlineCheckSeconds</c> (30).
/// </summary>
public sealed class PlanDeadlineMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<PlanDeadlineMonitor> logger) : PeriodicCheck(clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Plans:DeadlineCheckSeconds", 30.0));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct) => await RaiseDueAsync(ct) == Batch;

    /// <summary>Raises every notice due now for up to one batch of plans; returns how many plans it changed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<Plan>().Where(p => p.NextDeadline <= now).OrderBy(p => p.NextDeadline).Select(p => p.Id).Take(Batch)
                .ToListAsync(ct);
        return await store.DecideEachAsync<Plan>(due, plan => PlanMilestones.Decide(plan, new RaiseDue(now)), ct);
    }
}
