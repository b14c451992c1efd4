using Marten;
using Platform.EventSourcing.Http;

namespace Platform.Eligibility.Records.Deadlines;

/// <summary>
/// Raises what falls due on the injected clock: <c>EligibilityExpiring</c> at each threshold, <c>RenewalDue</c> and <c>EligibilityExpired</c>,
/// once each. It finds records by their <see cref="EligibilityRecord.NextDeadline"/> (a column of the record snapshot); a stopped monitor
/// catches up when it starts; two running monitors append each alert once, because the decision yields nothing for an alert already raised
/// and optimistic concurrency lets one of two racing appends commit.
/// </summary>
public sealed partial class EligibilityDeadlineMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<EligibilityDeadlineMonitor> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Eligibility:DeadlineCheckSeconds", 30.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RaiseDueAsync(stoppingToken) == Batch) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, e.GetType().Name);
            }
            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>Raises every alert due now for up to one batch of records; returns how many records it changed.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Guid> due;
        await using (var query = store.QuerySession())
            due = await query.Query<EligibilityRecord>().Where(r => r.NextDeadline <= now).OrderBy(r => r.NextDeadline).Select(r => r.Id).Take(Batch)
                .ToListAsync(ct);

        var changed = 0;
        foreach (var recordId in due)
        {
            await using var session = store.LightweightSession();
            try
            {
                var write = await session.DecideAsync<EligibilityRecord>(recordId, null, _ => true, record => Alerts.Decide(record, new RaiseDue(now)), ct);
                if (write.Outcome == StreamWriteOutcome.Written) changed++;
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                // Another monitor (or a command) appended first; the next round decides on the new state.
            }
        }
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eligibility deadline check failed with {Error}; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
