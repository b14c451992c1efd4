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
/// dispatcher in the same commit as the delivery's outcome. <see cref="Sequence"/> is set for a replay (the number it
/// had). After a failed attempt it keeps how many attempts were made and when the next is due, so the retry schedule
/// holds across restarts and no worker waits for it.
/// </summary>
public sealed record PendingDelivery(string Id, Guid SubscriptionId, long LedgerPosition, long? Sequence)
{
    public static string IdFor(Guid subscriptionId, long ledgerPosition) => $"{subscriptionId:N}:{ledgerPosition}";

    /// <summary>Attempts made so far (all failed).</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due; null for at once.</summary>
    public DateTimeOffset? DueAt { get; init; }
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
    public double PollMilliseconds { get; set; } = 250;

    /// <summary>How many deliveries are sent at once, across all subscriptions (each subscription's stay in order).</summary>
    public int Workers { get; set; } = 32;

    /// <summary>
    /// Seconds between looks at the database for subscriptions with deliveries queued that this process was not told of
    /// (a restart, another instance); the look is one indexed query, whatever the number of subscriptions.
    /// </summary>
    public double SweepSeconds { get; set; } = 30;

    /// <summary>Seconds between rounds of the delivery audit (see <see cref="DeliveryAudit"/>).</summary>
    public double AuditSeconds { get; set; } = 30;
    public string[] AllowedHosts { get; set; } = [];
}
