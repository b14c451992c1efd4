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
                // The commit may or may not have happened: look again from what is stored, never from memory.
                Forget();
                LogFailed(logger, e.GetType().Name);
            }
            await LedgerSignal.WaitAsync(wake, poll, clock, stoppingToken);
        }
    }

    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private IReadOnlyList<Subscription> _subscriptions = [];
    private readonly Dictionary<Guid, FanOutPosition> _positions = [];
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Fans out one page of the ledger; returns how many entries it looked at. The active subscriptions and their
    /// positions are kept in memory and read again every second; a position is stored with the deliveries it led to,
    /// and every second otherwise, and moves in memory only after that commit. A failed page (the database gone in the
    /// middle of it) drops memory and starts again from the stored positions. After a crash the fan-out looks again from
    /// the stored positions: what it finds again for a subscription was either queued with its stored position already,
    /// or not visible to it then.
    /// </summary>
    public async Task<int> FanOutAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var refresh = now - _refreshedAt >= Refresh;
        if (refresh)
        {
            _subscriptions = await session.Query<Subscription>().Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(ct);
            var stored = (await session.LoadManyAsync<FanOutPosition>(ct, _subscriptions.Select(s => s.Id))).ToDictionary(p => p.Id);
            foreach (var subscription in _subscriptions)
                if (!_positions.TryGetValue(subscription.Id, out var known) || (stored.TryGetValue(subscription.Id, out var s) && s.ScannedTo > known.ScannedTo))
                    _positions[subscription.Id] = stored.GetValueOrDefault(subscription.Id)
                        ?? await StartAsync(subscription.Id);
            _refreshedAt = now;
        }
        if (_subscriptions.Count == 0) return 0;

        async Task<FanOutPosition> StartAsync(Guid id)
        {
            var end = await FeedReader.EndAsync(session, ct);
            return new FanOutPosition(id, end) { From = end };
        }

        var from = _subscriptions.Min(s => _positions[s.Id].ScannedTo);
        var entries = await session.Query<LedgerEntry>().Where(e => e.Id > from).OrderBy(e => e.Id).Take(Page).ToListAsync(ct);
        if (entries.Count == 0)
        {
            if (refresh) await SavePositionsAsync(session, _subscriptions.Select(s => _positions[s.Id]), ct);
            return 0;
        }
        var access = (await session.LoadManyAsync<CaseAccess>(ct, entries.Select(e => e.CaseId).Distinct())).ToDictionary(a => a.Id);
        var end = entries[^1].Id;

        // The positions move in memory only once the commit that stores them (with the deliveries they led to) succeeded:
        // a position ahead of what is stored would pass over entries for good if that commit failed.
        var advanced = new List<FanOutPosition>(_subscriptions.Count);
        foreach (var subscription in _subscriptions)
        {
            var position = _positions[subscription.Id];
            if (position.ScannedTo >= end) continue;
            var caller = subscription.AsCaller();
            var queued = false;
            foreach (var entry in entries)
                if (entry.Id > position.ScannedTo && subscription.Wants(entry.Type)
                    && FeedReader.IsVisible(entry, caller, access.GetValueOrDefault(entry.CaseId), now))
                {
                    session.Store(new PendingDelivery(PendingDelivery.IdFor(subscription.Id, entry.Id), subscription.Id, entry.Id, null));
                    queued = true;
                }
            var next = position with { ScannedTo = end };
            advanced.Add(next);
            if (queued || refresh) session.Store(next);
        }
        await session.SaveChangesAsync(ct);
        foreach (var position in advanced) _positions[position.Id] = position;
        return entries.Count;
    }

    /// <summary>Drops what memory holds, so the next page starts from the positions stored.</summary>
    private void Forget()
    {
        _positions.Clear();
        _subscriptions = [];
        _refreshedAt = DateTimeOffset.MinValue;
    }

    private static async Task SavePositionsAsync(IDocumentSession session, IEnumerable<FanOutPosition> positions, CancellationToken ct)
    {
        session.Store(positions.ToArray());
        await session.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook fan-out failed with {Error}; retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
