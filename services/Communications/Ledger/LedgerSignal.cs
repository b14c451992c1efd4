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
/// After a commit: pulses the <see cref="LedgerSignal"/> when it wrote ledger entries, and the signal of each
/// subscription it queued deliveries for (so a subscription's loop wakes for its own deliveries only).
/// </summary>
public sealed class LedgerCommitListener(LedgerSignal ledger, Webhooks.DeliverySignals deliveries) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.Inserted.OfType<LedgerEntry>().Any()) ledger.Pulse();
        foreach (var subscription in commit.Inserted.Concat(commit.Updated).OfType<Webhooks.PendingDelivery>().Select(p => p.SubscriptionId).Distinct())
            deliveries.Pulse(subscription);
        return Task.CompletedTask;
    }
}

/// <summary>One wake-up signal per subscription: pulsed when deliveries are queued for it.</summary>
public sealed class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
