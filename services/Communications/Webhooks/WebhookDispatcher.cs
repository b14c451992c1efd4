using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
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
/// Delivers the ledger to every active subscription, each in its own loop so a slow or dead endpoint delays no other:
/// at least once, in sequence order, signed, with the consent of the moment. A failed delivery is retried on the
/// schedule (Retry-After honoured for 429 and 503); after the last attempt it is a dead letter and the next event
/// goes; 410 disables the subscription. Redirects are not followed.
/// </summary>
public sealed partial class WebhookDispatcher(IDocumentStore store, IHttpClientFactory clients, TimeProvider clock, WebhookOptions options,
    LedgerSignal ledger, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
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
            while (!ct.IsCancellationRequested)
            {
                var wake = ledger.Next;
                await using var session = store.LightweightSession();
                var subscription = await session.LoadAsync<Subscription>(subscriptionId, ct);
                if (subscription is not { Status: SubscriptionStatus.Active }) return;
                var cursor = await session.LoadAsync<SubscriptionCursor>(subscriptionId, ct) ?? new SubscriptionCursor(subscriptionId, 0, 0);
                if (await session.LoadAsync<PendingReplay>(subscriptionId, ct) is { } replay)
                {
                    cursor = new SubscriptionCursor(subscriptionId, replay.LedgerPosition, replay.Sequence);
                    session.Delete(replay);
                    session.Store(cursor);
                    await session.SaveChangesAsync(ct);
                }

                var entries = await session.Query<LedgerEntry>().Where(e => e.Id > cursor.LedgerPosition).OrderBy(e => e.Id).Take(100)
                    .ToListAsync(ct);
                if (entries.Count == 0)
                {
                    await LedgerSignal.WaitAsync(wake, poll, clock, ct);
                    continue;
                }
                var caller = new Caller(subscription.AgencyId, $"subscription-{subscriptionId}",
                    subscription.Administrator ? new HashSet<string> { PlatformRoles.Administrator } : new HashSet<string>());
                foreach (var entry in entries)
                {
                    var access = await session.LoadCaseAccessAsync(entry.CaseId, ct);
                    if (subscription.Wants(entry.Type) && FeedReader.IsVisible(entry, caller, access, clock.GetUtcNow()))
                    {
                        var outcome = await SendWithRetriesAsync(subscription, entry, cursor.Sequence + 1,
                            async token => FeedReader.IsVisible(entry, caller, await LoadAccessAsync(entry.CaseId, token), clock.GetUtcNow()), ct);
                        if (outcome == Outcome.Gone)
                        {
                            await DisableAsync(subscriptionId, ct);
                            return;
                        }
                        if (outcome != Outcome.Withheld) cursor = cursor with { Sequence = cursor.Sequence + 1 };
                        if (outcome == Outcome.Delivered)
                            session.Insert(DisclosureRecord.Delivery(entry, subscription.AgencyId, caller.UserId, "webhook", clock.GetUtcNow()));
                    }
                    cursor = cursor with { LedgerPosition = entry.Id };
                    session.Store(cursor);
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
        /// <summary>Consent ended while the delivery waited for a retry: it is not sent, and takes no sequence number.</summary>
        Withheld,
    }

    private async Task<CaseAccess?> LoadAccessAsync(Guid caseId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadCaseAccessAsync(caseId, ct);
    }

    private async Task<Outcome> SendWithRetriesAsync(Subscription subscription, LedgerEntry entry, long sequence,
        Func<CancellationToken, Task<bool>> stillVisible, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(CloudEvent.Of(entry) with { Sequence = sequence.ToString(CultureInfo.InvariantCulture) },
            PlatformJson.Options);
        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        for (var attempt = 1; attempt <= options.Schedule.Length; attempt++)
        {
            await Task.Delay(Jittered(options.Schedule[attempt - 1]), clock, ct);
            // Consent is decided at send time: a revocation or expiry during the wait withholds the retry.
            if (attempt > 1 && !await stillVisible(ct))
            {
                await RecordAsync(new DeliveryAttempt(Guid.CreateVersion7(), subscription.Id, sequence, entry.EventId, entry.Type, attempt,
                    clock.GetUtcNow(), null, "withheld", entry.Id), ct);
                return Outcome.Withheld;
            }
            int? status = null;
            TimeSpan? retryAfter = null;
            try
            {
                await using var secretsSession = store.QuerySession();
                var secrets = (await secretsSession.LoadAsync<SubscriptionSecrets>(subscription.Id, ct))!;
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

            var outcome = status switch
            {
                >= 200 and < 300 => "delivered",
                410 => "gone",
                _ when attempt == options.Schedule.Length => "dead-letter",
                _ => "failed",
            };
            await RecordAsync(new DeliveryAttempt(Guid.CreateVersion7(), subscription.Id, sequence, entry.EventId, entry.Type, attempt,
                clock.GetUtcNow(), status, outcome, entry.Id), ct);
            switch (outcome)
            {
                case "delivered": return Outcome.Delivered;
                case "gone": return Outcome.Gone;
                case "dead-letter": return Outcome.DeadLetter;
            }
            if (status is 429 or 503 && retryAfter is { } wait && attempt < options.Schedule.Length)
                await Task.Delay(wait, clock, ct);
        }
        return Outcome.DeadLetter;
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
