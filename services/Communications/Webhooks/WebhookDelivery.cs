namespace Platform.Communications.Webhooks;

/// <summary>
/// How far the fan-out has looked at the ledger for one subscription; <see cref="From"/> is where it started (the ledger's
/// end when the subscription was first seen), before which nothing is owed to it.
/// </summary>
public sealed record FanOutPosition(Guid Id, long ScannedTo)
{
    public long From { get; init; }
}

/// <summary>
/// An event waiting to go to one subscription, written by the fan-out in ledger order and removed by the subscription's
/// loop in the same commit as the delivery's outcome. <see cref="Sequence"/> is set for a replay (the number it had).
/// </summary>
public sealed record PendingDelivery(string Id, Guid SubscriptionId, long LedgerPosition, long? Sequence)
{
    public static string IdFor(Guid subscriptionId, long ledgerPosition) => $"{subscriptionId:N}:{ledgerPosition}";
}

/// <summary>The last sequence number a subscription's loop gave out, and the ledger position it went with.</summary>
public sealed record SubscriptionCursor(Guid Id, long LedgerPosition, long Sequence);

/// <summary>One attempt to deliver one event to one subscription, and what came of it.</summary>
public sealed record DeliveryAttempt(Guid Id, Guid SubscriptionId, long Sequence, Guid EventId, string EventType, int Attempt,
    DateTimeOffset At, int? StatusCode, string Outcome, long LedgerPosition);

/// <summary>The retry schedule (Standard Webhooks), configurable so tests can compress it.</summary>
public sealed class WebhookOptions
{
    private static readonly double[] StandardSchedule = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

    /// <summary>Seconds to wait before each attempt; empty means the Standard Webhooks schedule.</summary>
    public double[] RetrySeconds { get; set; } = [];

    public double[] Schedule => RetrySeconds.Length > 0 ? RetrySeconds : StandardSchedule;
    public double TimeoutSeconds { get; set; } = 15;
    /// <summary>Fallback poll of the fan-out and of the dispatcher's one "who has deliveries due" query (another instance's commits).</summary>
    public double PollMilliseconds { get; set; } = 250;

    /// <summary>Seconds between rounds of the delivery audit (see <see cref="DeliveryAudit"/>).</summary>
    public double AuditSeconds { get; set; } = 30;

    /// <summary>Deliveries in flight at once, whatever the number of subscriptions: each holds a worker while it sends.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;
    public string[] AllowedHosts { get; set; } = [];
}

/// <summary>Wakes the dispatcher when deliveries are queued, and says for which subscriptions.</summary>
public sealed class DeliverySignals
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _queued = new();
    private readonly Ledger.Signal _any = new();

    /// <summary>Completes at the next pulse of any subscription.</summary>
    public Task Next => _any.Next;

    public void Pulse(Guid subscriptionId)
    {
        _queued[subscriptionId] = 0;
        _any.Pulse();
    }

    /// <summary>The subscriptions pulsed since the last call.</summary>
    public IReadOnlyList<Guid> TakeQueued()
    {
        var taken = new List<Guid>();
        foreach (var id in _queued.Keys)
            if (_queued.TryRemove(id, out _)) taken.Add(id);
        return taken;
    }
}
