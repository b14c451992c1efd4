using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Reading;

public static class GetCaseEndpoint
{
    private const string Resource = "case";

    public static async Task<Results<Ok<CaseView>, NotFound>> Handle(Guid caseId, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var found = await session.LoadAsync<Case>(caseId, ct);
        var caller = http.Caller();
        var visible = found?.Access.VisibleTo(caller, clock.GetUtcNow());
        if (found is null || visible is not { Count: > 0 })
        {
            await http.RecordReadAsync(caseId, Resource, [], ReadOutcome.Refused, clock);
            return TypedResults.NotFound();
        }

        await http.RecordReadAsync(caseId, Resource, visible, ReadOutcome.Shown, clock);
        http.Response.SetETag(found.Version);
        return TypedResults.Ok(CaseView.Of(found, visible, found.Access.IsLead(caller)));
    }
}
