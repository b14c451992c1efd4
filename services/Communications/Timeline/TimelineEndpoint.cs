using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Feed;
using Platform.Communications.Ledger;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Timeline;

public static class TimelineEndpoint
{
    /// <summary>Every integration event of the case across all services, in the order they happened.</summary>
    public static async Task<Results<Ok<IReadOnlyList<CloudEvent>>, NotFound>> Handle(Guid caseId, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null || !(access.IsLead(caller) || caller.IsAdministrator)) return TypedResults.NotFound();

        var entries = await session.Query<LedgerEntry>().Where(e => e.CaseId == caseId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CloudEvent>>(entries.Select(CloudEvent.Of).ToList());
    }
}
