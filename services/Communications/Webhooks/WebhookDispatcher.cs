using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marten;
using Platform.Communications.Disclosures;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.Communications.Subscriptions;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Communications.Webhooks;

/// <summary>
/// Sends each active subscription its pending deliveries (see <see cref="WebhookFanOut"/>): at least once, in sequence
/// order, signed, with the consent of the moment of sending. A fixed number of workers (<c>Webhooks:Workers</c>) serve
/// the subscriptions that have something due, one subscription per worker at a time and a batch per turn, so a slow or
/// dead endpoint holds one worker for one attempt at most and delays no other subscription; nothing runs for a
/// subscription with nothing due, and database connections stay within the store's pool whatever the number of
/// subscriptions. A failed attempt is recorded with its pending delivery's next due time (the schedule, and Retry-After
/// for 429 and 503), so the schedule holds across restarts; after the last attempt the delivery is a dead letter and the
/// next event goes; 410 disables the subscription. Redirects are not followed. A delivery's outcome, its disclosure, the
/// sequence number and the removal of the pending delivery are one commit: a crash before it sends the same event
/// again, with the same webhook-id and sequence.
/// </summary>
public sealed partial class WebhookDispatcher(IDocumentStore store, IHttpClientFactory clients, TimeProvider clock, WebhookOptions options,
    DeliveryScheduler scheduler, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    private const int Batch = 50;
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)).ToList();
        await RunTimerAsync(stoppingToken);
        await Task.WhenAll(workers);
    }

    /// <summary>
    /// Releases retries as they fall due, and looks for queued deliveries it was not told of at start-up and every
    /// <c>Webhooks:SweepSeconds</c>. Sleeps in between: nothing polls while nothing is due.
    /// </summary>
    private async Task RunTimerAsync(CancellationToken ct)
    {
        var sweepEvery = TimeSpan.FromSeconds(options.SweepSeconds);
        var nextSweep = clock.GetUtcNow();
        while (!ct.IsCancellationRequested)
        {
            var earlier = scheduler.EarlierRetry;
            var now = clock.GetUtcNow();
            if (now >= nextSweep)
                nextSweep = now + (await SweepAsync(ct) ? sweepEvery : AfterFailure);
            var wakeAt = scheduler.ReleaseDue(now) is { } due && due < nextSweep ? due : nextSweep;
            try
            {
                var wait = wakeAt - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await earlier.WaitAsync(wait, clock, ct);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Pulses every subscription that has pending deliveries: the distinct subscription ids of the pending deliveries'
    /// index, read as a loose index scan (one index probe per subscription with something queued, not a row per delivery).
    /// </summary>
    private async Task<bool> SweepAsync(CancellationToken ct)
    {
        try
        {
            var table = $"{store.Options.DatabaseSchemaName}.mt_doc_pendingdelivery";
            await using var session = store.QuerySession();
            var ids = await session.AdvancedSql.QueryAsync<Guid>(
                $"""
                 with recursive queued(id) as (
                     (select subscription_id from {table} order by subscription_id limit 1)
                     union all
                     select (select p.subscription_id from {table} p where p.subscription_id > queued.id order by p.subscription_id limit 1)
                     from queued where queued.id is not null)
                 select id from queued where id is not null
                 """, ct);
            foreach (var id in ids) scheduler.Pulse(id);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, "looking for queued deliveries", e.GetType().Name);
            return false;
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Guid subscriptionId;
            try
            {
                subscriptionId = await scheduler.TakeAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            DateTimeOffset? dueAt = null;
            var more = false;
            try
            {
                (dueAt, more) = await TurnAsync(subscriptionId, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database or the process' own state failed, not the endpoint: look again shortly, from what is stored.
                LogFailed(logger, $"delivering to subscription {subscriptionId}", e.GetType().Name);
                dueAt = clock.GetUtcNow() + AfterFailure;
            }
            scheduler.Release(subscriptionId, dueAt, more);
        }
    }

    /// <summary>
    /// Sends up to a batch of one subscription's pending deliveries, in order; stops at the first that is not due or
    /// fails. Returns when its next delivery is due (after a failure), and whether a full batch was taken.
    /// </summary>
    private async Task<(DateTimeOffset? DueAt, bool More)> TurnAsync(Guid subscriptionId, CancellationToken ct)
    {
        Subscription? subscription;
        List<PendingDelivery> pending;
        SubscriptionSecrets secrets;
        SubscriptionCursor cursor;
        Dictionary<long, LedgerEntry> entries;
        await using (var read = store.QuerySession())
        {
            subscription = await read.LoadAsync<Subscription>(subscriptionId, ct);
            if (subscription is not { Status: SubscriptionStatus.Active }) return (null, false);
            pending = (await read.Query<PendingDelivery>().Where(p => p.SubscriptionId == subscriptionId)
                .OrderBy(p => p.LedgerPosition).Take(Batch).ToListAsync(ct)).ToList();
            if (pending.Count == 0) return (null, false);
            secrets = (await read.LoadAsync<SubscriptionSecrets>(subscriptionId, ct))!;
            cursor = await read.LoadAsync<SubscriptionCursor>(subscriptionId, ct) ?? new SubscriptionCursor(subscriptionId, 0, 0);
            entries = (await read.LoadManyAsync<LedgerEntry>(ct, pending.Select(p => p.LedgerPosition))).ToDictionary(e => e.Id);
        }

        var caller = subscription.AsCaller();
        foreach (var delivery in pending)
        {
            if (delivery.DueAt is { } due && due > clock.GetUtcNow()) return (due, false);
            await using var session = store.LightweightSession();
            if (!entries.TryGetValue(delivery.LedgerPosition, out var entry))
            {
                session.Delete(delivery);
                await session.SaveChangesAsync(ct);
                continue;
            }
            var sequence = delivery.Sequence ?? cursor.Sequence + 1;
            var number = delivery.Attempts + 1;
            var (outcome, attempt, retryAfter) = await SendAsync(subscription, secrets, entry, sequence, number, caller, ct);
            switch (outcome)
            {
                case Outcome.Gone:
                    // The pending delivery stays: if the agency resumes the subscription, it goes first.
                    session.Insert(attempt);
                    await session.SaveChangesAsync(ct);
                    await DisableAsync(subscriptionId, ct);
                    return (null, false);
                case Outcome.Failed:
                    var next = clock.GetUtcNow() + (retryAfter ?? TimeSpan.Zero) + Jittered(options.Schedule[number]);
                    session.Insert(attempt);
                    session.Store(delivery with { Attempts = number, DueAt = next });
                    await session.SaveChangesAsync(ct);
                    return (next, false);
            }
            session.Insert(attempt);
            if (delivery.Sequence is null && outcome != Outcome.Withheld)
                session.Store(cursor = new SubscriptionCursor(subscriptionId, entry.Id, sequence));
            if (outcome == Outcome.Delivered)
                session.Insert(DisclosureRecord.Delivery(entry, subscription.AgencyId, caller.UserId, "webhook", clock.GetUtcNow()));
            session.Delete(delivery);
            await session.SaveChangesAsync(ct);
        }
        return (null, pending.Count == Batch);
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

    /// <summary>One attempt (number <paramref name="number"/> of the schedule), under the consent of this moment.</summary>
    private async Task<(Outcome, DeliveryAttempt, TimeSpan? RetryAfter)> SendAsync(Subscription subscription, SubscriptionSecrets secrets,
        LedgerEntry entry, long sequence, int number, Caller caller, CancellationToken ct)
    {
        DeliveryAttempt Attempt(int? status, string outcome) =>
            new(Guid.CreateVersion7(), subscription.Id, sequence, entry.EventId, entry.Type, number, clock.GetUtcNow(), status, outcome, entry.Id);

        // Consent is decided at send time: a revocation or expiry since the fan-out, or during a retry's wait, withholds it.
        if (!FeedReader.IsVisible(entry, caller, await LoadAccessAsync(entry.CaseId, ct), clock.GetUtcNow()))
            return (Outcome.Withheld, Attempt(null, "withheld"), null);

        var body = JsonSerializer.SerializeToUtf8Bytes(CloudEvent.Of(entry) with { Sequence = sequence.ToString(CultureInfo.InvariantCulture) },
            PlatformJson.Options);
        // The attempt is a span of the command's trace; the HTTP client's span under it sends its traceparent to the subscriber.
        using var span = Tracing.Continue($"webhook {entry.Type}", ActivityKind.Producer, entry.TraceParent);
        span?.SetTag("platform.webhook.sequence", sequence);
        span?.SetTag("platform.webhook.attempt", number);
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
            if (status is 429 or 503) retryAfter = response.Headers.RetryAfter?.Delta;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
        }

        return status switch
        {
            >= 200 and < 300 => (Outcome.Delivered, Attempt(status, "delivered"), null),
            410 => (Outcome.Gone, Attempt(status, "gone"), null),
            _ when number >= options.Schedule.Length => (Outcome.DeadLetter, Attempt(status, "dead-letter"), null),
            _ => (Outcome.Failed, Attempt(status, "failed"), retryAfter),
        };
    }

    private async Task<CaseAccess?> LoadAccessAsync(Guid caseId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadCaseAccessAsync(caseId, ct);
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
