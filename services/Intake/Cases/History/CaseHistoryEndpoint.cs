using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.History;

/// <summary>One change of a case: what, when, by whom (agency and opaque user id) and for which request.</summary>
public sealed record CaseHistoryEntry(long Version, string Event, DateTimeOffset At, string AgencyId, string UserId, string? CorrelationId);

public static class CaseHistoryEndpoint
{
    /// <summary>Every event of the case, for the lead agency and administrators; anyone else gets 404.</summary>
    public static async Task<Results<Ok<IReadOnlyList<CaseHistoryEntry>>, NotFound>> Handle(Guid caseId, HttpContext http,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var found = await session.LoadAsync<Case>(caseId, ct);
        var caller = http.Caller();
        if (found is null || !(found.Access.IsLead(caller) || caller.IsAdministrator))
        {
            await http.RecordReadAsync(caseId, "history", [], ReadOutcome.Refused, clock);
            return TypedResults.NotFound();
        }
        await http.RecordReadAsync(caseId, "history", Enum.GetValues<InformationCategory>().Where(c => c != InformationCategory.Identity),
            ReadOutcome.Shown, clock);

        var events = await session.Events.FetchStreamAsync(caseId, token: ct);
        IReadOnlyList<CaseHistoryEntry> history = events
            .Select(e =>
            {
                var actor = EventMetadata.ActorOf(e);
                return new CaseHistoryEntry(e.Version, e.EventTypeName, e.Timestamp, actor.AgencyId, actor.UserId, e.CorrelationId);
            })
            .ToList();
        return TypedResults.Ok(history);
    }
}
