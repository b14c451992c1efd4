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
            var wait = IdlePoll;
            try
            {
                if (await FanOutAsync(stoppingToken) == Page) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The commit may or may not have happened: look again from what is stored, never from memory.
                Forget();
                LogFailed(logger, e.GetType().Name);
                wait = poll;
            }
            await LedgerSignal.WaitAsync(wake, wait, clock, stoppingToken);
        }
    }

    /// <summary>
    /// The active subscriptions are read again when this process changed one, and at this interval otherwise (a
    /// change made by another instance).
    /// </summary>
    /// <summary>
    /// How long the fan-out sleeps when nothing woke it: every ledger entry is written by this process, whose commit
    /// wakes it at once, so this only bounds a missed wake-up (a failed round retries after <c>Webhooks:PollMilliseconds</c>).
    /// </summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    private long _subscriptionsVersion = -1;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(10);
    private IReadOnlyList<Subscription> _subscriptions = [];
    private readonly Dictionary<Guid, FanOutPosition> _positions = [];
    /// <summary>The position last stored for each subscription (-1: none yet).</summary>
    private readonly Dictionary<Guid, long> _stored = [];
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Fans out one page of the ledger; returns how many entries it looked at. The active subscriptions are read again
    /// when one changes and their positions kept in memory; a position is stored with the deliveries it led to, and every
    /// 10 seconds otherwise if it moved (nothing is written while the ledger is quiet), and moves in memory only after
    /// that commit. A failed page (the database gone in the
    /// middle of it) drops memory and starts again from the stored positions. After a crash the fan-out looks again from
    /// the stored positions: what it finds again for a subscription was either queued with its stored position already,
    /// or not visible to it then.
    /// </summary>
    public async Task<int> FanOutAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var version = ledger.SubscriptionsVersion;
        var refresh = version != _subscriptionsVersion || now - _refreshedAt >= Refresh;
        if (refresh)
        {
            _subscriptions = await session.Query<Subscription>().Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(ct);
            var unknown = _subscriptions.Where(s => !_positions.ContainsKey(s.Id)).Select(s => s.Id).ToList();
            if (unknown.Count > 0)
            {
                var stored = (await session.LoadManyAsync<FanOutPosition>(ct, unknown)).ToDictionary(p => p.Id);
                foreach (var id in unknown)
                {
                    var position = stored.GetValueOrDefault(id) ?? await StartAsync(id);
                    _positions[id] = position;
                    _stored[id] = stored.ContainsKey(id) ? position.ScannedTo : -1;
                }
            }
            _refreshedAt = now;
            _subscriptionsVersion = version;
        }
        // Positions that moved without leading to a delivery are stored now and then, not at every page: a position
        // stored behind memory only makes a restart look again at entries that led to nothing for that subscription.
        var save = now - _savedAt >= SaveEvery;
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
            if (save) await SavePositionsAsync(session, now, ct);
            return 0;
        }
        var access = (await session.LoadManyAsync<CaseAccess>(ct, entries.Select(e => e.CaseId).Distinct())).ToDictionary(a => a.Id);
        var end = entries[^1].Id;

        // The positions move in memory only once the commit that stores them (with the deliveries they led to) succeeded:
        // a position ahead of what is stored would pass over entries for good if that commit failed.
        var advanced = new List<FanOutPosition>(_subscriptions.Count);
        var storedNow = new List<Guid>();
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
            if (queued || (save && _stored.GetValueOrDefault(next.Id, -1) < end))
            {
                session.Store(next);
                storedNow.Add(next.Id);
            }
        }
        await session.SaveChangesAsync(ct);
        foreach (var position in advanced) _positions[position.Id] = position;
        foreach (var id in storedNow) _stored[id] = end;
        if (save) _savedAt = now;
        return entries.Count;
    }

    /// <summary>Drops what memory holds, so the next page starts from the positions stored.</summary>
    private void Forget()
    {
        _positions.Clear();
        _stored.Clear();
        _subscriptions = [];
        _refreshedAt = DateTimeOffset.MinValue;
        _subscriptionsVersion = -1;
    }

    /// <summary>Stores the positions that moved since they were last stored (none while the ledger is quiet).</summary>
    private async Task SavePositionsAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var moved = _subscriptions.Select(s => _positions[s.Id]).Where(p => _stored.GetValueOrDefault(p.Id, -1) < p.ScannedTo).ToArray();
        if (moved.Length > 0)
        {
            session.Store(moved);
            await session.SaveChangesAsync(ct);
            foreach (var position in moved) _stored[position.Id] = position.ScannedTo;
        }
        _savedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook fan-out failed with {Error}; retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
