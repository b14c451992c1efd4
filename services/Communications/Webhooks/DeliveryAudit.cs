using Marten;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.Communications.Subscriptions;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Monitors;

namespace Platform.Communications.Webhooks;

/// <summary>How far <see cref="DeliveryAudit"/> has checked the ledger (one document for all subscriptions).</summary>
public sealed record DeliveryAuditPosition(string Id, long CheckedTo)
{
    public const string Webhooks = "webhooks";
}

/// <summary>The ledger position of the last change to a case's access (a consent, the team, the lead), kept by the ledger writer.</summary>
public sealed record AccessChange(Guid Id, long LedgerPosition);

/// <summary>
/// Finds, behind the fan-out, every ledger entry that an active subscription wants and may see and that has neither been
/// queued for it nor attempted, queues it and logs it: a bug that passes over an entry can never again stay silent. It
/// runs at start-up and then every <c>Webhooks:AuditSeconds</c>, a page of the ledger at a time from its stored position,
/// and only up to what the fan-out has stored for each subscription. An entry whose case's access changed after it
/// arrived is left alone: the fan-out judged it under an access this check can no longer know. What it queues goes out
/// under the consent of the moment of sending, as every delivery does.
/// </summary>
public sealed partial class DeliveryAudit(IDocumentStore store, TimeProvider clock, WebhookOptions options, ILogger<DeliveryAudit> logger)
    : PeriodicCheck(clock, logger)
{
    private const int Page = 500;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.AuditSeconds);

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        var (repaired, full) = await AuditAsync(ct);
        if (repaired > 0) LogRepaired(logger, repaired);
        return full;
    }

    /// <summary>Checks one page; returns how many deliveries it had to queue, and whether the page was full.</summary>
    public async Task<(int Repaired, bool Full)> AuditAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var audit = await session.LoadAsync<DeliveryAuditPosition>(DeliveryAuditPosition.Webhooks, ct);
        // Nothing new in the ledger since the last round: nothing to judge, and nothing else is read.
        if (audit is not null && !await session.Query<LedgerEntry>().AnyAsync(e => e.Id > audit.CheckedTo, ct)) return (0, false);
        var subscriptions = await session.Query<Subscription>().Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(ct);
        var positions = (await session.LoadManyAsync<FanOutPosition>(ct, subscriptions.Select(s => s.Id))).ToDictionary(p => p.Id);
        subscriptions = subscriptions.Where(s => positions.ContainsKey(s.Id)).ToList();
        if (subscriptions.Count == 0) return (0, false);
        if (audit is null)
        {
            // The first run starts where the fan-out stands: history from before this check existed is not judged.
            session.Store(new DeliveryAuditPosition(DeliveryAuditPosition.Webhooks, positions.Values.Min(p => p.ScannedTo)));
            await session.SaveChangesAsync(ct);
            return (0, false);
        }

        var upTo = positions.Values.Max(p => p.ScannedTo);
        var from = audit.CheckedTo;
        var entries = await session.Query<LedgerEntry>().Where(e => e.Id > from && e.Id <= upTo).OrderBy(e => e.Id).Take(Page).ToListAsync(ct);
        if (entries.Count == 0) return (0, false);
        var end = entries[^1].Id;
        var ids = subscriptions.Select(s => s.Id).ToArray();
        // Pending deliveries first, attempts second: a delivery committed in between shows as its attempt.
        var pending = (await session.Query<PendingDelivery>()
                .Where(p => p.SubscriptionId.IsOneOf(ids) && p.LedgerPosition > from && p.LedgerPosition <= end)
                .Select(p => p.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var attempted = (await session.Query<DeliveryAttempt>()
                .Where(a => a.LedgerPosition > from && a.LedgerPosition <= end)
                .Select(a => new AttemptKey(a.SubscriptionId, a.LedgerPosition)).ToListAsync(ct))
            .Select(a => PendingDelivery.IdFor(a.SubscriptionId, a.LedgerPosition)).ToHashSet(StringComparer.Ordinal);
        var caseIds = entries.Select(e => e.CaseId).Distinct().ToArray();
        var access = (await session.LoadManyAsync<CaseAccess>(ct, caseIds)).ToDictionary(a => a.Id);
        var changed = (await session.LoadManyAsync<AccessChange>(ct, caseIds)).ToDictionary(c => c.Id, c => c.LedgerPosition);
        var now = Clock.GetUtcNow();

        var repaired = 0;
        foreach (var subscription in subscriptions)
        {
            var position = positions[subscription.Id];
            var caller = subscription.AsCaller();
            foreach (var entry in entries)
            {
                if (entry.Id <= position.From || entry.Id > position.ScannedTo) continue;
                if (changed.TryGetValue(entry.CaseId, out var at) && at > entry.Id) continue;
                if (!subscription.Wants(entry.Type) || !FeedReader.IsVisible(entry, caller, access.GetValueOrDefault(entry.CaseId), now)) continue;
                var id = PendingDelivery.IdFor(subscription.Id, entry.Id);
                if (pending.Contains(id) || attempted.Contains(id)) continue;
                session.Store(new PendingDelivery(id, subscription.Id, entry.Id, null));
                LogMissed(logger, subscription.Id, entry.Id);
                repaired++;
            }
        }
        // Checked up to where every subscription's fan-out has stored its position; later entries are checked next time.
        var checkedTo = Math.Min(end, positions.Values.Min(p => p.ScannedTo));
        if (checkedTo > from) session.Store(audit with { CheckedTo = checkedTo });
        await session.SaveChangesAsync(ct);
        return (repaired, entries.Count == Page && checkedTo == end);
    }

    private sealed record AttemptKey(Guid SubscriptionId, long LedgerPosition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhooks: ledger entry {LedgerPosition} was never queued for subscription {SubscriptionId}; queued it now")]
    private static partial void LogMissed(ILogger logger, Guid subscriptionId, long ledgerPosition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: the delivery audit queued {Count} deliveries the fan-out had passed over")]
    private static partial void LogRepaired(ILogger logger, int count);
}
