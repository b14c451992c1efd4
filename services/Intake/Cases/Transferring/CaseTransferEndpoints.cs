using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Transferring;

public sealed record RequestTransferRequest(string? ToAgencyId);

public static class CaseTransferEndpoints
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Request(Guid caseId,
        RequestTransferRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().AgencyId(request.ToAgencyId, "toAgencyId");
        if (errors.Any) return errors.ToProblem();

        var command = new RequestTransfer(request.ToAgencyId!, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseTransfer.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Accept(Guid caseId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var command = new AcceptTransfer(caller.AgencyId, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseTransfer.Decide(state, command), ct, CaseTransfer.IsAskedToLead);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Decline(Guid caseId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var command = new DeclineTransfer(caller.AgencyId, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseTransfer.Decide(state, command), ct, CaseTransfer.IsAskedToLead);
        return write.ToHttpResult(http.Response);
    }
}
