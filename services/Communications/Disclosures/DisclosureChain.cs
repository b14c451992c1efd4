using JasperFx;
using Marten;
using Platform.EventSourcing.Monitors;

namespace Platform.Communications.Disclosures;

/// <summary>
/// Seals new disclosure entries into one hash chain across all cases: each entry gets the next position and the hash
/// of the one before. Writers never wait for one another (a delivery or a read only inserts its entry); this loop
/// chains what arrived, in arrival order, every <c>Disclosures:SealMilliseconds</c>. Several instances may run: the
/// chain head is written with optimistic concurrency, so of two racing seals one commits and the other retries.
/// </summary>
public sealed class DisclosureChain(IDocumentStore store, TimeProvider clock, IConfiguration configuration, ILogger<DisclosureChain> logger)
    : PeriodicCheck(clock, logger)
{
    private const int Batch = 1000;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(configuration.GetValue("Disclosures:SealMilliseconds", 500.0));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        try
        {
            return await SealAsync(ct) == Batch;
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException)
        {
            // Another instance sealed the same entries (or created the head) first; the next round starts from its head.
            return false;
        }
    }

    /// <summary>Seals up to one batch of unsealed entries; returns how many.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var head = await session.LoadAsync<DisclosureChainHead>(DisclosureChainHead.SingletonId, ct);
        var pending = await session.Query<DisclosureRecord>().Where(d => d.Position == null).OrderBy(d => d.At).ThenBy(d => d.Id)
            .Take(Batch).ToListAsync(ct);
        if (pending.Count == 0) return 0;

        var position = head?.Position ?? 0;
        var hash = head?.Hash ?? DisclosureRecord.Genesis;
        foreach (var entry in pending)
        {
            var sealed_ = entry.Seal(++position, hash);
            hash = sealed_.Hash!;
            session.Update(sealed_);
        }
        var next = new DisclosureChainHead(DisclosureChainHead.SingletonId, position, hash);
        if (head is null) session.Insert(next);
        else session.Update(next);
        await session.SaveChangesAsync(ct);
        return pending.Count;
    }
}
