using Marten;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.Communications.Subscriptions;
using Platform.EventSourcing.Access;

namespace Platform.Communications.Webhooks;

/// <summary>
/// Reads the ledger once for every subscription: each page's case access is loaded once, and each active subscription
/// gets a <see cref="PendingDelivery"/> for every entry it wants and may see, in one commit per page with the
/// subscriptions' positions. Database work grows with deliveries, not with subscriptions times events. Consent is
/// checked again when each delivery is sent, so a revocation after the fan-out still holds.
/// </summary>
public sealed partial class WebhookFanOut(IDocumentStore store, TimeProvider clock, WebhookOptions options, LedgerSignal ledger,
    ILogger<WebhookFanOut> logger) : BackgroundService
{
    private const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = ledger.Next;
            try
            {
                if (await FanOutAsync(stoppingToken) == Page) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.GetType().Name);
            }
            await LedgerSignal.WaitAsync(wake, poll, clock, stoppingToken);
        }
    }

    /// <summary>Fans out one page of the ledger; returns how many entries it looked at.</summary>
    public async Task<int> FanOutAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var subscriptions = await session.Query<Subscription>().Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(ct);
        if (subscriptions.Count == 0) return 0;
        var positions = (await session.LoadManyAsync<FanOutPosition>(ct, subscriptions.Select(s => s.Id))).ToDictionary(p => p.Id);
        foreach (var missing in subscriptions.Where(s => !positions.ContainsKey(s.Id)))
            positions[missing.Id] = new FanOutPosition(missing.Id, await FeedReader.EndAsync(session, ct));

        var from = positions.Values.Min(p => p.ScannedTo);
        var entries = await session.Query<LedgerEntry>().Where(e => e.Id > from).OrderBy(e => e.Id).Take(Page).ToListAsync(ct);
        if (entries.Count == 0) return 0;
        var access = (await session.LoadManyAsync<CaseAccess>(ct, entries.Select(e => e.CaseId).Distinct())).ToDictionary(a => a.Id);
        var now = clock.GetUtcNow();
        var end = entries[^1].Id;

        foreach (var subscription in subscriptions)
        {
            var position = positions[subscription.Id];
            if (position.ScannedTo >= end) continue;
            var caller = subscription.AsCaller();
            foreach (var entry in entries)
                if (entry.Id > position.ScannedTo && subscription.Wants(entry.Type)
                    && FeedReader.IsVisible(entry, caller, access.GetValueOrDefault(entry.CaseId), now))
                    session.Store(new PendingDelivery(PendingDelivery.IdFor(subscription.Id, entry.Id), subscription.Id, entry.Id, null));
            session.Store(position with { ScannedTo = end });
        }
        await session.SaveChangesAsync(ct);
        return entries.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook fan-out failed with {Error}; retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
