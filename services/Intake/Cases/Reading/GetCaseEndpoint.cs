using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Reading;

public static class GetCaseEndpoint
{
    public static async Task<Results<Ok<CaseView>, NotFound>> Handle(Guid caseId, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        var found = await session.LoadAsync<Case>(caseId, ct);
        if (found is null || !http.Caller().IsLead(found)) return TypedResults.NotFound();

        http.Response.SetETag(found.Version);
        return TypedResults.Ok(CaseView.Of(found));
    }
}
