using Marten;
using Platform.EventSourcing.Monitors;

namespace Platform.Eligibility.Records.Deadlines;

/// <summary>
/// Raises what falls due on the injected clock: <c>EligibilityExpiring</c> at each threshold, <c>RenewalDue</c> and <c>EligibilityExpired</c>,
/// once each. It finds records by their <see cref="EligibilityRecord.NextDeadline"/> (a column of the record snapshot); a stopped monitor
/// catches up when it starts; two running monitors append each alert once, because the decision yields nothing for an alert already raised
/// and optimistic concurrency lets one of two racing appends commit.
/// </summary>
public sealed class EligibilityDeadlineMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<EligibilityDeadlineMonitor> logger) : PeriodicCheck(clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Eligibility:DeadlineCheckSeconds", 30.0));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct) => await RaiseDueAsync(ct) == Batch;

    /// <summary>Raises every alert due now for up to one batch of records; returns how many records it changed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<EligibilityRecord>().Where(r => r.NextDeadline <= now).OrderBy(r => r.NextDeadline).Select(r => r.Id).Take(Batch)
                .ToListAsync(ct);

        return await store.DecideEachAsync<EligibilityRecord>(due, record => Alerts.Decide(record, new RaiseDue(now)), ct);
    }
}
