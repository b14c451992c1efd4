using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>One committed domain event: its id (the relay's message id), case, stream version and commit time.</summary>
public sealed record Committed(Guid EventId, Guid CaseId, long Version, long Sequence, string Type, long At);

/// <summary>
/// Every timestamp of the run, all from <see cref="Stopwatch.GetTimestamp"/> in this one process: commit (after
/// SaveChangesAsync returned), relay publish start and broker confirm (publish observer on the write side), delivery
/// to the consumer pipeline (consume observer), handler start and after the consumer's own commit.
/// </summary>
public sealed class Recorder
{
    public ConcurrentDictionary<Guid, Committed> Commits { get; } = new();
    public ConcurrentDictionary<Guid, long> Published { get; } = new();
    public ConcurrentDictionary<Guid, int> PublishCount { get; } = new();
    public ConcurrentDictionary<Guid, long> Confirmed { get; } = new();
    public ConcurrentDictionary<Guid, long> Received { get; } = new();
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();
    public ConcurrentDictionary<Guid, long> Handled { get; } = new();
    public ConcurrentDictionary<Guid, long> Applied { get; } = new();
    public ConcurrentDictionary<Guid, int> ApplyCount { get; } = new();

    /// <summary>Per case, the stream versions in the order the consumer committed them.</summary>
    public ConcurrentDictionary<Guid, List<long>> AppliedVersions { get; } = new();

    /// <summary>The write side's daemon, as its shard state tracker reports it: (time, sequence) of each high water mark advance.</summary>
    public List<(long At, long Sequence)> HighWater { get; } = [];

    /// <summary>(time, sequence) each time the relay's progression was stored, i.e. a page was done.</summary>
    public List<(long At, long Sequence)> RelayProgress { get; } = [];

    public void OnShardState(string shard, long sequence)
    {
        var now = Now();
        var list = shard == "HighWaterMark" ? HighWater
            : shard.StartsWith(Platform.EventSourcing.Relay.IntegrationEventRelay.SubscriptionName, StringComparison.Ordinal) ? RelayProgress
            : null;
        if (list is null) return;
        lock (list)
        {
            if (list.Count == 0 || list[^1].Sequence < sequence) list.Add((now, sequence));
        }
    }

    /// <summary>When <paramref name="list"/> first reached <paramref name="sequence"/>, if it did.</summary>
    public static long? Reached(List<(long At, long Sequence)> list, long sequence)
    {
        lock (list)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (list[mid].Sequence < sequence) lo = mid + 1; else hi = mid;
            }
            return lo < list.Count ? list[lo].At : null;
        }
    }

    public static long Now() => Stopwatch.GetTimestamp();

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    public void Commit(Phase phase, IEnumerable<Committed> events)
    {
        foreach (var e in events)
        {
            Commits[e.EventId] = e;
            phase.Add(e);
        }
    }

    public void OnPublishing(Guid eventId)
    {
        var now = Now();
        Published.TryAdd(eventId, now);
        PublishCount.AddOrUpdate(eventId, 1, (_, n) => n + 1);
    }

    public void OnConfirmed(Guid eventId) => Confirmed.TryAdd(eventId, Now());

    public void OnReceived(Guid eventId)
    {
        var now = Now();
        Received.TryAdd(eventId, now);
        Deliveries.AddOrUpdate(eventId, 1, (_, n) => n + 1);
    }

    public void OnHandling(Guid eventId) => Handled.TryAdd(eventId, Now());

    public void OnApplied(Guid eventId, Guid caseId, long version)
    {
        var now = Now();
        Applied.TryAdd(eventId, now);
        ApplyCount.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        var versions = AppliedVersions.GetOrAdd(caseId, _ => []);
        lock (versions) versions.Add(version);
    }
}

/// <summary>The events one phase of the run committed, and its time window.</summary>
public sealed class Phase(string name)
{
    private readonly List<Committed> _events = [];

    public string Name { get; } = name;
    public long Start { get; set; }
    public long LastCommit { get; private set; }

    public void Add(Committed e)
    {
        lock (_events)
        {
            _events.Add(e);
            if (e.At > LastCommit) LastCommit = e.At;
        }
    }

    public IReadOnlyList<Committed> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public int Count
    {
        get { lock (_events) return _events.Count; }
    }

    /// <summary>Waits until the consumer applied every event of the phase, or the timeout passes; true when all arrived.</summary>
    public async Task<bool> WaitForConsumerAsync(Recorder recorder, TimeSpan timeout)
    {
        var pending = Events.Select(e => e.EventId).ToList();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            pending.RemoveAll(recorder.Applied.ContainsKey);
            if (pending.Count == 0) return true;
            await Task.Delay(10);
        }
        return false;
    }
}
