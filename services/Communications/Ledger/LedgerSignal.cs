using Marten;
using Marten.Services;

namespace Platform.Communications.Ledger;

/// <summary>
/// Wakes whoever waits for new ledger entries (each subscription's delivery loop, each open stream) the moment an
/// entry commits, instead of letting them find it at their next poll. Take <see cref="Next"/> before looking at the
/// ledger and await it after finding nothing: an entry committed in between still wakes the waiter. The poll stays as
/// the fallback (another instance's commits, a missed wake-up).
/// </summary>
public sealed class LedgerSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit of a ledger entry.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private long _subscriptions;

    /// <summary>Rises whenever a subscription is created, paused, resumed, deleted or disabled in this process.</summary>
    public long SubscriptionsVersion => Interlocked.Read(ref _subscriptions);

    public void SubscriptionsChanged()
    {
        Interlocked.Increment(ref _subscriptions);
        Pulse();
    }

    /// <summary>Waits for <paramref name="next"/> (taken before looking) or the poll interval, whichever comes first.</summary>
    public static async Task WaitAsync(Task next, TimeSpan poll, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            await next.WaitAsync(poll, clock, ct);
        }
        catch (TimeoutException)
        {
        }
    }
}

/// <summary>
/// After a commit: pulses the <see cref="LedgerSignal"/> when it wrote ledger entries, and tells the delivery scheduler
/// of each subscription it queued deliveries for or resumed (so only subscriptions with something to send are served).
/// </summary>
public sealed class LedgerCommitListener(LedgerSignal ledger, Webhooks.DeliveryScheduler deliveries) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.Inserted.OfType<LedgerEntry>().Any()) ledger.Pulse();
        if (commit.GetEvents().Any(e => e.Data is Subscriptions.SubscriptionCreated or Subscriptions.SubscriptionPaused
                or Subscriptions.SubscriptionResumed or Subscriptions.SubscriptionDeleted or Subscriptions.SubscriptionDisabled))
            ledger.SubscriptionsChanged();
        var queued = commit.Inserted.Concat(commit.Updated).OfType<Webhooks.PendingDelivery>().Select(p => p.SubscriptionId);
        var resumed = commit.GetEvents().Where(e => e.Data is Subscriptions.SubscriptionResumed).Select(e => e.StreamId);
        foreach (var subscription in queued.Concat(resumed).Distinct())
            deliveries.Pulse(subscription);
        return Task.CompletedTask;
    }
}
