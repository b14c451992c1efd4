using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Closing;

public sealed record CloseCaseRequest(CaseClosureReason? Reason);

public static class CloseCaseEndpoints
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Close(Guid caseId,
        CloseCaseRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Reason, "reason");
        if (errors.Any) return errors.ToProblem();

        var command = new CloseCase(request.Reason!.Value, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseClosing.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Reopen(Guid caseId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new ReopenCase(clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseClosing.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }
}
