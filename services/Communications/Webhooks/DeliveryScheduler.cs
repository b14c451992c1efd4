using System.Threading.Channels;

namespace Platform.Communications.Webhooks;

/// <summary>
/// Which subscriptions have deliveries to send now, and which wait for a retry, so that a fixed number of workers
/// (<c>Webhooks:Workers</c>) serve any number of subscriptions and nothing runs for a subscription with nothing due.
/// A subscription is in at most one of three states: ready (queued for a worker), running (one worker has it, so its
/// deliveries stay in sequence order), or waiting (its next delivery is due later). Idle subscriptions hold nothing.
/// What is queued is worked on in the order it became ready.
/// </summary>
public sealed class DeliveryScheduler
{
    private enum State
    {
        Ready,
        Running,
        /// <summary>Running, and more was queued for it meanwhile: it is ready again when the worker lets go.</summary>
        RunAgain,
        Waiting,
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, State> _states = [];
    private readonly PriorityQueue<Guid, DateTimeOffset> _waiting = new();
    private readonly Channel<Guid> _ready = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });
    private TaskCompletionSource _earlier = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Deliveries may have been queued for the subscription: it is worked on soon, unless it waits for a retry.</summary>
    public void Pulse(Guid subscriptionId)
    {
        lock (_lock)
        {
            if (!_states.TryGetValue(subscriptionId, out var state)) MakeReady(subscriptionId);
            else if (state == State.Running) _states[subscriptionId] = State.RunAgain;
            // Ready or RunAgain: it will be looked at. Waiting: its next delivery holds the rest until it is due.
        }
    }

    /// <summary>The next subscription a worker should serve; the worker owns it until <see cref="Release"/>.</summary>
    public async ValueTask<Guid> TakeAsync(CancellationToken ct)
    {
        var id = await _ready.Reader.ReadAsync(ct);
        lock (_lock) _states[id] = State.Running;
        return id;
    }

    /// <summary>
    /// The worker lets go of a subscription: with <paramref name="dueAt"/> its next delivery waits until then; with
    /// <paramref name="more"/> (a full batch, or deliveries queued meanwhile) it is queued again behind the others;
    /// otherwise it is idle until the next pulse.
    /// </summary>
    public void Release(Guid subscriptionId, DateTimeOffset? dueAt, bool more)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            var runAgain = _states.GetValueOrDefault(subscriptionId) == State.RunAgain;
            if (dueAt is { } at)
            {
                _states[subscriptionId] = State.Waiting;
                var earliest = _waiting.TryPeek(out _, out var first) ? first : DateTimeOffset.MaxValue;
                _waiting.Enqueue(subscriptionId, at);
                if (at < earliest) wake = Interlocked.Exchange(ref _earlier, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            else if (more || runAgain) MakeReady(subscriptionId);
            else _states.Remove(subscriptionId);
        }
        wake?.TrySetResult();
    }

    /// <summary>Completes when a retry is set earlier than every other: the timer should look again.</summary>
    public Task EarlierRetry => Volatile.Read(ref _earlier).Task;

    /// <summary>Makes every subscription whose retry is due ready; returns when the next one is due, if any waits.</summary>
    public DateTimeOffset? ReleaseDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_waiting.TryPeek(out var id, out var at) && at <= now)
            {
                _waiting.Dequeue();
                if (_states.GetValueOrDefault(id) == State.Waiting) MakeReady(id);
            }
            return _waiting.TryPeek(out _, out var next) ? next : null;
        }
    }

    /// <summary>How many subscriptions are ready, running or waiting (the rest are idle and cost nothing).</summary>
    public int Busy
    {
        get
        {
            lock (_lock) return _states.Count;
        }
    }

    private void MakeReady(Guid subscriptionId)
    {
        _states[subscriptionId] = State.Ready;
        _ready.Writer.TryWrite(subscriptionId);
    }
}
