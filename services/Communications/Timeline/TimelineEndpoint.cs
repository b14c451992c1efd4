using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Timeline;

public static class TimelineEndpoint
{
    /// <summary>
    /// Every integration event of the case across all services, in the order they happened. Reads of the case's data
    /// are not changes of the case: they are in the disclosure log (<c>/cases/{id}/disclosures</c>), not here.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<CloudEvent>>, NotFound>> Handle(Guid caseId, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null || !(access.IsLead(caller) || caller.IsAdministrator)) return TypedResults.NotFound();

        var reads = LedgerNames.TypeOf(typeof(CaseDataRead));
        var entries = await session.Query<LedgerEntry>().Where(e => e.CaseId == caseId && e.Type != reads)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CloudEvent>>(entries.Select(CloudEvent.Of).ToList());
    }
}
