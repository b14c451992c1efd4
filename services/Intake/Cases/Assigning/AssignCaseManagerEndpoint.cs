using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Assigning;

public sealed record AssignCaseManagerRequest(string? CaseManagerId);

public static class AssignCaseManagerEndpoint
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId,
        AssignCaseManagerRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CaseloadOptions caseloads,
        CancellationToken ct)
    {
        var errors = new FieldErrors().AgencyId(request.CaseManagerId, "caseManagerId");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        await session.TakeAsync(caller.AgencyId, request.CaseManagerId!, ct);
        var openCases = await session.Query<Case>()
            .CountAsync(c => c.LeadAgencyId == caller.AgencyId && c.CaseManagerId == request.CaseManagerId
                && c.Status == CaseStatus.Open && c.Id != caseId, ct);
        var command = new AssignCaseManager(request.CaseManagerId!, openCases, caseloads.Limit, clock.GetUtcNow());
        try
        {
            var write = await http.ChangeCaseAsync(session, caseId, state => CaseManagerAssignment.Decide(state, command), ct);
            return write.ToHttpResult(http.Response);
        }
        catch (CaseloadFullException full)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Caseload full", detail: full.Message,
                extensions: new Dictionary<string, object?>
                {
                    ["caseManagerId"] = full.CaseManagerId,
                    ["openCases"] = full.OpenCases,
                    ["caseloadLimit"] = full.Limit,
                });
        }
    }
}
