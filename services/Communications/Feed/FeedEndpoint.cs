using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Ledger;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Feed;

/// <summary>A page of the feed; pass <see cref="Next"/> as <c>after</c> to continue where it stopped.</summary>
public sealed record FeedPage(IReadOnlyList<CloudEvent> Items, string Next);

/// <summary>
/// The caller agency's events, in ledger order: each shown only while the agency may see its category of its case,
/// decided when it is read (a revoked or expired consent takes effect for the very next page).
/// </summary>
public static class FeedEndpoint
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;
    private const int ScanBatch = 500;

    public static async Task<Results<Ok<FeedPage>, ValidationProblem>> Handle(HttpContext http, IQuerySession session, TimeProvider clock,
        long? after = null, int? limit = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .Must(limit is null or > 0 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.")
            .Must(after is null or >= 0, "after", "A cursor from a previous page.");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var take = limit ?? DefaultLimit;
        var items = new List<CloudEvent>(take);
        var cursor = after ?? 0;
        while (items.Count < take)
        {
            var from = cursor;
            var batch = await session.Query<LedgerEntry>().Where(e => e.Id > from).OrderBy(e => e.Id).Take(ScanBatch).ToListAsync(ct);
            if (batch.Count == 0) break;
            var access = (await session.LoadManyAsync<CaseAccess>(ct, batch.Select(e => e.CaseId).Distinct()))
                .ToDictionary(a => a.Id);
            foreach (var entry in batch)
            {
                cursor = entry.Id;
                if (IsVisible(entry, caller, access.GetValueOrDefault(entry.CaseId), now)) items.Add(CloudEvent.Of(entry));
                if (items.Count == take) break;
            }
            if (batch.Count < ScanBatch) break;
        }
        return TypedResults.Ok(new FeedPage(items, cursor.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Administrators see everything, the access log included; an agency sees what its consents cover.</summary>
    public static bool IsVisible(LedgerEntry entry, Caller caller, CaseAccess? access, DateTimeOffset now) =>
        caller.IsAdministrator
        || (entry.Type != LedgerNames.TypeOf(typeof(CaseDataRead)) && access is not null && access.MaySee(caller, entry.Category, now));
}
