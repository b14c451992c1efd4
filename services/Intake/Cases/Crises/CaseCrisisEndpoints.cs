using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Crises;

public sealed record ReportCrisisRequest(CrisisKind? Kind, CrisisSeverity? Severity);

public sealed record CrisisView(Guid Id, CrisisKind Kind, CrisisSeverity Severity, DateTimeOffset ReportedAt, DateTimeOffset? ResolvedAt);

public static class CaseCrisisEndpoints
{
    public static async Task<Results<Created<CrisisView>, NotFound, ProblemHttpResult, ValidationProblem>> Report(Guid caseId,
        ReportCrisisRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Kind, "kind").Required(request.Severity, "severity");
        if (errors.Any) return errors.ToProblem();

        var command = new ReportCrisis(Guid.CreateVersion7(), request.Kind!.Value, request.Severity!.Value, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseCrises.Decide(state, command), ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created(
            $"/api/intake/cases/{caseId}/crises/{command.CrisisId}",
            new CrisisView(command.CrisisId, command.Kind, command.Severity, command.Now, null)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Resolve(Guid caseId,
        Guid crisisId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new ResolveCrisis(crisisId, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseCrises.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }
}
