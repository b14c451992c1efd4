using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Team;

public sealed record AddAgencyRequest(string? AgencyId, TeamRole? Role);

public static class CaseTeamEndpoints
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Add(Guid caseId,
        AddAgencyRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().AgencyId(request.AgencyId, "agencyId").Required(request.Role, "role");
        if (errors.Any) return errors.ToProblem();

        var command = new AddAgencyToTeam(request.AgencyId!, request.Role!.Value, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseTeam.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Remove(Guid caseId,
        string agencyId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new RemoveAgencyFromTeam(agencyId, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseTeam.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }
}
