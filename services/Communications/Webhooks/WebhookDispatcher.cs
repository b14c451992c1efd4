using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Marten;
using Platform.Communications.Disclosures;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.Communications.Subscriptions;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Communications.Webhooks;

/// <summary>
/// Sends each active subscription its pending deliveries (see <see cref="WebhookFanOut"/>): at least once, in sequence
/// order, signed, with the consent of the moment of sending. A bounded pool of workers
/// (<see cref="WebhookOptions.MaxConcurrentDeliveries"/>) takes subscriptions that have a delivery due, one worker per
/// subscription at a time, so resources follow configuration and not the number of subscriptions: a slow endpoint
/// holds one worker for at most its timeout, and a subscription waiting to retry holds none (its next attempt time is
/// kept in memory). No connection is held while an endpoint is called or while nothing is due; the dispatcher wakes on
/// <see cref="DeliverySignals"/> and otherwise asks once per poll which subscriptions have pending deliveries.
/// A failed delivery is retried on the schedule (Retry-After honoured for 429 and 503); after the last attempt it is a
/// dead letter and the next event goes; 410 disables the subscription. Redirects are not followed.
/// A delivery's outcome, its disclosure, the sequence number and the removal of the pending delivery are one commit:
/// a crash before it sends the same event again, with the same webhook-id and sequence, so sequences stay gap-free.
/// </summary>
public sealed partial class WebhookDispatcher(IDocumentStore store, IHttpClientFactory clients, TimeProvider clock, WebhookOptions options,
    DeliverySignals signals, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    private const int Batch = 50;
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    /// <summary>The next attempt of a subscription's first pending delivery, once it failed (or waits for the first attempt).</summary>
    private sealed record Retry(long LedgerPosition, int Attempt, DateTimeOffset NotBefore);

    /// <summary>What a worker's turn left behind: nothing more to do, more right away, or not before a time.</summary>
    private sealed record TurnEnd(Guid SubscriptionId, bool More, DateTimeOffset? NotBefore);

    private readonly ConcurrentDictionary<Guid, Retry> _retries = new();
    private readonly ConcurrentDictionary<Guid, Task> _busy = new();
    private readonly ConcurrentQueue<TurnEnd> _ended = new();
    private readonly Signal _turnEnded = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        var max = Math.Max(1, options.MaxConcurrentDeliveries);
        var due = new Dictionary<Guid, DateTimeOffset>();
        var lastQuery = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signals.Next;
            var ended = _turnEnded.Next;
            var now = clock.GetUtcNow();
            try
            {
                while (_ended.TryDequeue(out var end))
                    if (end.More || end.NotBefore is not null) due[end.SubscriptionId] = end.NotBefore ?? now;
                foreach (var id in signals.TakeQueued()) due.TryAdd(id, now);
                if (now - lastQuery >= poll)
                {
                    lastQuery = now;
                    foreach (var id in await DueSubscriptionsAsync(stoppingToken)) due.TryAdd(id, now);
                }
                foreach (var (id, notBefore) in due.Where(d => d.Value <= now && !_busy.ContainsKey(d.Key)).OrderBy(d => d.Value).ToList())
                {
                    if (_busy.Count >= max) break;
                    due.Remove(id);
                    _busy[id] = Task.Run(() => TurnAsync(id, stoppingToken), stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, "listing subscriptions with pending deliveries", e.GetType().Name);
            }
            var wait = poll - (now - lastQuery);
            foreach (var notBefore in due.Values)
                if (notBefore - now < wait) wait = notBefore - now;
            if (wait > TimeSpan.Zero)
                await ((Task)Task.WhenAny(woken, ended, Task.Delay(wait, clock, stoppingToken))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await Task.WhenAll(_busy.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Active subscriptions with at least one pending delivery: one query, however many subscriptions there are.</summary>
    private async Task<IReadOnlyList<Guid>> DueSubscriptionsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<PendingDelivery>().Select(p => p.SubscriptionId).Distinct().ToListAsync(ct);
        if (pending.Count == 0) return [];
        return await session.Query<Subscription>().Where(s => pending.Contains(s.Id) && s.Status == SubscriptionStatus.Active)
            .Select(s => s.Id).ToListAsync(ct);
    }

    private async Task TurnAsync(Guid subscriptionId, CancellationToken ct)
    {
        var end = new TurnEnd(subscriptionId, false, null);
        try
        {
            end = await DeliverAsync(subscriptionId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(logger, $"delivering to subscription {subscriptionId}", e.GetType().Name);
            end = new TurnEnd(subscriptionId, false, clock.GetUtcNow() + AfterFailure);
        }
        finally
        {
            _ended.Enqueue(end);
            _busy.TryRemove(subscriptionId, out _);
            _turnEnded.Pulse();
        }
    }

    /// <summary>Sends up to a batch of the subscription's deliveries in order, stopping at the first that must wait for a retry.</summary>
    private async Task<TurnEnd> DeliverAsync(Guid subscriptionId, CancellationToken ct)
    {
        List<PendingDelivery> pending;
        Subscription? subscription;
        SubscriptionSecrets? secrets;
        SubscriptionCursor cursor;
        Dictionary<long, LedgerEntry> entries;
        await using (var session = store.QuerySession())
        {
            subscription = await session.LoadAsync<Subscription>(subscriptionId, ct);
            if (subscription is not { Status: SubscriptionStatus.Active }) return new TurnEnd(subscriptionId, false, null);
            pending = [.. await session.Query<PendingDelivery>().Where(p => p.SubscriptionId == subscriptionId)
                .OrderBy(p => p.LedgerPosition).Take(Batch).ToListAsync(ct)];
            if (pending.Count == 0) return new TurnEnd(subscriptionId, false, null);
            secrets = await session.LoadAsync<SubscriptionSecrets>(subscriptionId, ct);
            cursor = await session.LoadAsync<SubscriptionCursor>(subscriptionId, ct) ?? new SubscriptionCursor(subscriptionId, 0, 0);
            entries = (await session.LoadManyAsync<LedgerEntry>(ct, pending.Select(p => p.LedgerPosition))).ToDictionary(e => e.Id);
        }
        var caller = subscription.AsCaller();
        foreach (var delivery in pending)
        {
            if (!entries.TryGetValue(delivery.LedgerPosition, out var entry))
            {
                await using var removal = store.LightweightSession();
                removal.Delete(delivery);
                await removal.SaveChangesAsync(ct);
                continue;
            }
            var retry = _retries.TryGetValue(subscriptionId, out var r) && r.LedgerPosition == delivery.LedgerPosition ? r : null;
            if (retry is null && Jittered(options.Schedule[0]) is var first && first > TimeSpan.Zero)
                return Wait(subscriptionId, new Retry(delivery.LedgerPosition, 1, clock.GetUtcNow() + first));
            if (retry is not null && retry.NotBefore > clock.GetUtcNow()) return new TurnEnd(subscriptionId, false, retry.NotBefore);

            var sequence = delivery.Sequence ?? cursor.Sequence + 1;
            var attempt = retry?.Attempt ?? 1;
            var (outcome, final, retryAfter) = await SendAsync(subscription, secrets!, entry, sequence, attempt, caller, ct);
            if (outcome == Outcome.Failed)
            {
                await RecordAsync(final, ct);
                var next = clock.GetUtcNow() + (retryAfter ?? TimeSpan.Zero) + Jittered(options.Schedule[attempt]);
                return Wait(subscriptionId, new Retry(delivery.LedgerPosition, attempt + 1, next));
            }
            _retries.TryRemove(subscriptionId, out _);
            if (outcome == Outcome.Gone)
            {
                // The pending delivery stays: if the agency resumes the subscription, it goes first.
                await RecordAsync(final, ct);
                await DisableAsync(subscriptionId, ct);
                return new TurnEnd(subscriptionId, false, null);
            }
            await using var session = store.LightweightSession();
            session.Insert(final);
            if (delivery.Sequence is null && outcome != Outcome.Withheld)
                session.Store(cursor = new SubscriptionCursor(subscriptionId, entry.Id, sequence));
            if (outcome == Outcome.Delivered)
                session.Insert(DisclosureRecord.Delivery(entry, subscription.AgencyId, caller.UserId, "webhook", clock.GetUtcNow()));
            session.Delete(delivery);
            await session.SaveChangesAsync(ct);
        }
        return new TurnEnd(subscriptionId, pending.Count == Batch, null);
    }

    private TurnEnd Wait(Guid subscriptionId, Retry retry)
    {
        _retries[subscriptionId] = retry;
        return new TurnEnd(subscriptionId, false, retry.NotBefore);
    }

    private enum Outcome
    {
        Delivered,
        Failed,
        DeadLetter,
        Gone,
        /// <summary>Consent does not (or no longer) cover the event when it is to be sent: it is not sent, and takes no sequence number.</summary>
        Withheld,
    }

    /// <summary>One attempt; its record is returned to be committed with the outcome (a failure is recorded on its own).</summary>
    private async Task<(Outcome, DeliveryAttempt, TimeSpan?)> SendAsync(Subscription subscription, SubscriptionSecrets secrets, LedgerEntry entry,
        long sequence, int attempt, Caller caller, CancellationToken ct)
    {
        DeliveryAttempt Attempt(int? status, string outcome) =>
            new(Guid.CreateVersion7(), subscription.Id, sequence, entry.EventId, entry.Type, attempt, clock.GetUtcNow(), status, outcome, entry.Id);

        // Consent is decided at send time: a revocation or expiry since the fan-out, or during a wait, withholds it.
        CaseAccess? access;
        await using (var session = store.QuerySession()) access = await session.LoadCaseAccessAsync(entry.CaseId, ct);
        if (!FeedReader.IsVisible(entry, caller, access, clock.GetUtcNow())) return (Outcome.Withheld, Attempt(null, "withheld"), null);

        var body = JsonSerializer.SerializeToUtf8Bytes(CloudEvent.Of(entry) with { Sequence = sequence.ToString(CultureInfo.InvariantCulture) },
            PlatformJson.Options);
        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        int? status = null;
        TimeSpan? retryAfter = null;
        try
        {
            var now = clock.GetUtcNow();
            var timestamp = now.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", CloudEvent.MediaType } } },
            };
            request.Headers.Add("webhook-id", entry.EventId.ToString());
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSigner.Header(secrets, entry.EventId.ToString(), timestamp, body, now));
            using var response = await client.SendAsync(request, ct);
            status = (int)response.StatusCode;
            retryAfter = response.Headers.RetryAfter?.Delta;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
        }

        return status switch
        {
            >= 200 and < 300 => (Outcome.Delivered, Attempt(status, "delivered"), null),
            410 => (Outcome.Gone, Attempt(status, "gone"), null),
            _ when attempt >= options.Schedule.Length => (Outcome.DeadLetter, Attempt(status, "dead-letter"), null),
            429 or 503 => (Outcome.Failed, Attempt(status, "failed"), retryAfter),
            _ => (Outcome.Failed, Attempt(status, "failed"), null),
        };
    }

    private async Task RecordAsync(DeliveryAttempt attempt, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Insert(attempt);
        await session.SaveChangesAsync(ct);
    }

    private async Task DisableAsync(Guid subscriptionId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.DecideAsync<Subscription>(subscriptionId, null, _ => true,
            s => s.Status == SubscriptionStatus.Active ? [new SubscriptionDisabled("The endpoint answered 410 Gone.", clock.GetUtcNow())] : [], ct);
    }

    /// <summary>Up to 10 % of jitter, so retries of many subscriptions do not all fire at once.</summary>
    private static TimeSpan Jittered(double seconds) => TimeSpan.FromSeconds(seconds * (1 + Random.Shared.NextDouble() * 0.1));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: {Activity} failed with {Error}")]
    private static partial void LogFailed(ILogger logger, string activity, string error);
}
