namespace Platform.Communications.Webhooks;

/// <summary>Where a subscription's deliveries stand: the last ledger position looked at and the last sequence sent.</summary>
public sealed record SubscriptionCursor(Guid Id, long LedgerPosition, long Sequence);

/// <summary>A replay asked for and not yet taken up by the subscription's loop, the only writer of its cursor.</summary>
public sealed record PendingReplay(Guid Id, long LedgerPosition, long Sequence);

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
    public string[] AllowedHosts { get; set; } = [];
}
