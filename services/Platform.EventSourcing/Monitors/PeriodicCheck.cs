using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.EventSourcing.Monitors;

/// <summary>
/// A check that runs in rounds on the injected clock until the service stops: a round that fills a batch runs again at
/// once, a failed round is logged and the next one tries again. Every deadline monitor of the platform is one.
/// </summary>
public abstract partial class PeriodicCheck(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock every round reads "now" from (a fake one in tests).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>How long to wait between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round; true when it filled a batch and another should follow at once.</summary>
    protected abstract Task<bool> RunRoundAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunRoundAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, GetType().Name, e.GetType().Name);
            }
            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} failed with {Error}; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, string check, string error);
}

/// <summary>How a monitor appends what falls due to many streams, each exactly once however many monitors run.</summary>
public static class DueDecisions
{
    /// <summary>
    /// Decides and appends for each stream in its own transaction, and returns how many changed. The decision yields nothing
    /// for what was already raised; two monitors on one stream take turns (the second decides on what the first committed, and
    /// yields nothing), and a conflict that still gets through is decided again at the next round on the new state.
    /// </summary>
    public static async Task<int> DecideEachAsync<TState>(this IDocumentStore store, IEnumerable<Guid> streamIds,
        Func<TState, IReadOnlyList<object>> decide, CancellationToken ct) where TState : class
    {
        var changed = 0;
        foreach (var id in streamIds)
        {
            await using var session = store.LightweightSession();
            try
            {
                var stream = await session.FetchInTurnAsync<TState>(id, ct);
                if (stream.Aggregate is null) continue;
                var events = decide(stream.Aggregate);
                if (events.Count == 0) continue;
                stream.AppendMany(events);
                await session.SaveChangesAsync(ct);
                changed++;
            }
            catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
            {
            }
        }
        return changed;
    }
}
