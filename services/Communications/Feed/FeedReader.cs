using Marten;
using Platform.Communications.Disclosures;
using Platform.Communications.Ledger;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Feed;

/// <summary>
/// Reads the ledger for one agency: entries after a cursor, each kept only while the agency may see its category of
/// its case, decided now; every entry handed out is recorded as a disclosure. Shared by the pull feed and the stream.
/// </summary>
public static class FeedReader
{
    private const int ScanBatch = 500;

    public static async Task<(IReadOnlyList<LedgerEntry> Items, long Cursor)> ReadAsync(IDocumentSession session, Caller caller,
        long after, int take, DateTimeOffset now, string channel, CancellationToken ct)
    {
        var items = new List<LedgerEntry>(take);
        var cursor = after;
        while (items.Count < take)
        {
            var from = cursor;
            var batch = await session.Query<LedgerEntry>().Where(e => e.Id > from).OrderBy(e => e.Id).Take(ScanBatch).ToListAsync(ct);
            if (batch.Count == 0) break;
            var access = (await session.LoadManyAsync<CaseAccess>(ct, batch.Select(e => e.CaseId).Distinct())).ToDictionary(a => a.Id);
            foreach (var entry in batch)
            {
                cursor = entry.Id;
                if (IsVisible(entry, caller, access.GetValueOrDefault(entry.CaseId), now)) items.Add(entry);
                if (items.Count == take) break;
            }
            if (batch.Count < ScanBatch) break;
        }

        foreach (var entry in items)
            session.Insert(DisclosureRecord.Delivery(entry, caller.AgencyId, caller.UserId, channel, now));
        if (items.Count > 0) await session.SaveChangesAsync(ct);
        return (items, cursor);
    }

    /// <summary>The ledger's newest position: where a stream opened without a cursor starts.</summary>
    public static async Task<long> EndAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<LedgerEntry>().OrderByDescending(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(ct);

    /// <summary>Administrators see everything, the access log included; an agency sees what its consents cover.</summary>
    public static bool IsVisible(LedgerEntry entry, Caller caller, CaseAccess? access, DateTimeOffset now) =>
        caller.IsAdministrator
        || (entry.Type != LedgerNames.TypeOf(typeof(CaseDataRead)) && access is not null && access.MaySee(caller, entry.Category, now));
}
