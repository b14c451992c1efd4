using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Assessing;

public sealed record NeedRequest(NeedDomain? Domain, Urgency? Urgency);

public sealed record AssessNeedsRequest(IReadOnlyList<NeedRequest>? Needs, IReadOnlyList<string>? Strengths);

public static class AssessNeedsEndpoint
{
    private const int MaxStrengths = 20;
    private const int MaxStrengthLength = 500;

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId,
        AssessNeedsRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var needs = request.Needs ?? [];
        var strengths = request.Strengths ?? [];
        var errors = new FieldErrors()
            .Must(needs.Count > 0, "needs", "Assess at least one domain.")
            .Must(needs.All(n => n.Domain is not null && n.Urgency is not null), "needs", "Each need has a domain and an urgency.")
            .Must(needs.Select(n => n.Domain).Distinct().Count() == needs.Count, "needs", "Each domain is assessed once.")
            .Must(strengths.Count <= MaxStrengths, "strengths", $"At most {MaxStrengths} strengths.")
            .Must(strengths.All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= MaxStrengthLength), "strengths",
                $"Each strength is 1 to {MaxStrengthLength} characters.");
        if (errors.Any) return errors.ToProblem();

        var command = new AssessNeeds(needs.Select(n => new NeedLevel(n.Domain!.Value, n.Urgency!.Value)).ToList(), strengths,
            clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => NeedsAssessment.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }
}
