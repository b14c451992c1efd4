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
/// Sends each active subscription its pending deliveries (see <see cref="WebhookFanOut"/>), each subscription in its own
/// loop so a slow or dead endpoint delays no other: at least once, in sequence order, signed, with the consent of the
/// moment of sending. A failed delivery is retried on the schedule (Retry-After honoured for 429 and 503); after the
/// last attempt it is a dead letter and the next event goes; 410 disables the subscription. Redirects are not followed.
/// A delivery's outcome, its disclosure, the sequence number and the removal of the pending delivery are one commit:
/// a crash before it sends the same event again, with the same webhook-id and sequence.
/// </summary>
public sealed partial class WebhookDispatcher(IDocumentStore store, IHttpClientFactory clients, TimeProvider clock, WebhookOptions options,
    DeliverySignals signals, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    private const int Batch = 50;
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                var active = await session.Query<Subscription>().Where(s => s.Status == SubscriptionStatus.Active).Select(s => s.Id)
                    .ToListAsync(stoppingToken);
                foreach (var id in active)
                    if (!_running.TryGetValue(id, out var task) || task.IsCompleted)
                        _running[id] = Task.Run(() => DeliverAsync(id, stoppingToken), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, "listing subscriptions", e.GetType().Name);
            }
            await Task.Delay(poll, clock, stoppingToken);
        }
    }

    private async Task DeliverAsync(Guid subscriptionId, CancellationToken ct)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        try
        {
            var signal = signals.For(subscriptionId);
            while (!ct.IsCancellationRequested)
            {
                var wake = signal.Next;
                await using var session = store.LightweightSession();
                var pending = await session.Query<PendingDelivery>().Where(p => p.SubscriptionId == subscriptionId)
                    .OrderBy(p => p.LedgerPosition).Take(Batch).ToListAsync(ct);
                var subscription = await session.LoadAsync<Subscription>(subscriptionId, ct);
                if (subscription is not { Status: SubscriptionStatus.Active }) return;
                if (pending.Count == 0)
                {
                    await LedgerSignal.WaitAsync(wake, poll, clock, ct);
                    continue;
                }
                var secrets = (await session.LoadAsync<SubscriptionSecrets>(subscriptionId, ct))!;
                var cursor = await session.LoadAsync<SubscriptionCursor>(subscriptionId, ct) ?? new SubscriptionCursor(subscriptionId, 0, 0);
                var entries = (await session.LoadManyAsync<LedgerEntry>(ct, pending.Select(p => p.LedgerPosition))).ToDictionary(e => e.Id);
                var caller = subscription.AsCaller();
                foreach (var delivery in pending)
                {
                    if (!entries.TryGetValue(delivery.LedgerPosition, out var entry))
                    {
                        session.Delete(delivery);
                        await session.SaveChangesAsync(ct);
                        continue;
                    }
                    var sequence = delivery.Sequence ?? cursor.Sequence + 1;
                    var (outcome, final) = await SendWithRetriesAsync(subscription, secrets, entry, sequence,
                        async token => FeedReader.IsVisible(entry, caller, await LoadAccessAsync(entry.CaseId, token), clock.GetUtcNow()), ct);
                    if (outcome == Outcome.Gone)
                    {
                        // The pending delivery stays: if the agency resumes the subscription, it goes first.
                        await RecordAsync(final, ct);
                        await DisableAsync(subscriptionId, ct);
                        return;
                    }
                    session.Insert(final);
                    if (delivery.Sequence is null && outcome != Outcome.Withheld)
                        session.Store(cursor = new SubscriptionCursor(subscriptionId, entry.Id, sequence));
                    if (outcome == Outcome.Delivered)
                        session.Insert(DisclosureRecord.Delivery(entry, subscription.AgencyId, caller.UserId, "webhook", clock.GetUtcNow()));
                    session.Delete(delivery);
                    await session.SaveChangesAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(logger, $"delivering to subscription {subscriptionId}", e.GetType().Name);
        }
    }

    private enum Outcome
    {
        Delivered,
        DeadLetter,
        Gone,
        /// <summary>Consent does not (or no longer) cover the event when it is to be sent: it is not sent, and takes no sequence number.</summary>
        Withheld,
    }

    private async Task<CaseAccess?> LoadAccessAsync(Guid caseId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadCaseAccessAsync(caseId, ct);
    }

    /// <summary>Attempts on the schedule; every attempt but the last is recorded at once, the last is returned to be committed with the outcome.</summary>
    private async Task<(Outcome, DeliveryAttempt)> SendWithRetriesAsync(Subscription subscription, SubscriptionSecrets secrets, LedgerEntry entry,
        long sequence,
        Func<CancellationToken, Task<bool>> mayStillSee, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(CloudEvent.Of(entry) with { Sequence = sequence.ToString(CultureInfo.InvariantCulture) },
            PlatformJson.Options);
        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        DeliveryAttempt Attempt(int number, int? status, string outcome) =>
            new(Guid.CreateVersion7(), subscription.Id, sequence, entry.EventId, entry.Type, number, clock.GetUtcNow(), status, outcome, entry.Id);

        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(Jittered(options.Schedule[attempt - 1]), clock, ct);
            // Consent is decided at send time: a revocation or expiry since the fan-out, or during a wait, withholds it.
            if (!await mayStillSee(ct)) return (Outcome.Withheld, Attempt(attempt, null, "withheld"));

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

            var last = attempt == options.Schedule.Length;
            switch (status)
            {
                case >= 200 and < 300: return (Outcome.Delivered, Attempt(attempt, status, "delivered"));
                case 410: return (Outcome.Gone, Attempt(attempt, status, "gone"));
                case var _ when last: return (Outcome.DeadLetter, Attempt(attempt, status, "dead-letter"));
            }
            await RecordAsync(Attempt(attempt, status, "failed"), ct);
            if (status is 429 or 503 && retryAfter is { } wait) await Task.Delay(wait, clock, ct);
        }
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
