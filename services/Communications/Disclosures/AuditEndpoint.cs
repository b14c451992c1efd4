using Marten;

namespace Platform.Communications.Disclosures;

/// <summary>Where the chain breaks: the position, the entry there, and what does not hold.</summary>
public sealed record BrokenLink(long Position, Guid? EntryId, string Reason);

/// <summary>
/// The result of walking the whole disclosure chain: how many entries hold, the head (keep its hash elsewhere to detect
/// a cut-off tail later), the first broken link if any, and how many entries still wait to be sealed.
/// </summary>
public sealed record AuditReport(bool Intact, long Verified, long HeadPosition, string HeadHash, BrokenLink? FirstBroken, int Unsealed,
    DateTimeOffset CheckedAt);

public static class AuditEndpoint
{
    private const int Page = 2000;

    /// <summary>Recomputes every entry's hash from its content and the hash before it, in chain order.</summary>
    public static async Task<AuditReport> Verify(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var head = await session.LoadAsync<DisclosureChainHead>(DisclosureChainHead.SingletonId, ct);
        var unsealed = await session.Query<DisclosureRecord>().CountAsync(d => d.Position == null, ct);
        var end = head?.Position ?? 0;
        var expectedPosition = 0L;
        var previous = DisclosureRecord.Genesis;
        BrokenLink? broken = null;
        while (broken is null)
        {
            var after = expectedPosition;
            var page = await session.Query<DisclosureRecord>().Where(d => d.Position > after && d.Position <= end).OrderBy(d => d.Position).Take(Page)
                .ToListAsync(ct);
            foreach (var entry in page)
            {
                var position = entry.Position!.Value;
                broken = position != expectedPosition + 1 ? new BrokenLink(expectedPosition + 1, null, $"entry {expectedPosition + 1} is missing")
                    : entry.PreviousHash != previous ? new BrokenLink(position, entry.Id, "does not carry the hash of the entry before it")
                    : entry.ComputeHash(position, previous) != entry.Hash ? new BrokenLink(position, entry.Id, "its content does not match its hash")
                    : null;
                if (broken is not null) break;
                expectedPosition = position;
                previous = entry.Hash!;
            }
            if (page.Count < Page) break;
        }
        if (broken is null && expectedPosition < end)
            broken = new BrokenLink(expectedPosition + 1, null, $"the chain ends at {expectedPosition} but its head records {end}");
        else if (broken is null && head is not null && head.Hash != previous)
            broken = new BrokenLink(end, null, "the head's hash is not the hash of the last entry");
        return new AuditReport(broken is null, broken is null ? expectedPosition : broken.Position - 1, head?.Position ?? 0,
            head?.Hash ?? DisclosureRecord.Genesis, broken, unsealed, clock.GetUtcNow());
    }
}
