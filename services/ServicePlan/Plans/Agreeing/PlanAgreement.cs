using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans.Agreeing;

public sealed record AgreeToPlan(long PlanVersion, AgreementMethod Method, string? WitnessId, DateTimeOffset Now);

public sealed record AgreementRequest(long? PlanVersion, string? Method, string? WitnessId);

/// <summary>
/// The client agrees to a version of the plan (signed, or verbally before a witness): its proposed goals become
/// accepted. A plan changed since the version the client saw cannot be agreed to in its name.
/// </summary>
public static class PlanAgreement
{
    public static IReadOnlyList<object> Decide(Plan plan, AgreeToPlan command)
    {
        if (plan.Goals.Count == 0) throw new CommandRejectedException("The plan has no goals to agree to yet.");
        if (command.PlanVersion != plan.PlanVersion)
            throw new CommandRejectedException($"The plan changed since version {command.PlanVersion}; it is at version {plan.PlanVersion}. Go through it with the client again.");
        if (!plan.AwaitsAgreement) throw new CommandRejectedException($"The client already agreed to version {plan.PlanVersion}.");

        var accepted = plan.Goals.Where(g => g.Status == GoalStatus.Proposed)
            .Select(g => (object)new GoalStatusChanged(g.Id, GoalStatus.Proposed, GoalStatus.Accepted, command.Now))
            .ToList();
        return [.. accepted, new PlanAgreedByClient(plan.PlanVersion + accepted.Count, command.Method, command.WitnessId, command.Now)];
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId, AgreementRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.PlanVersion, "planVersion")
            .Required(request.Method, "method")
            .OptionalEnum<AgreementMethod>(request.Method, "method", out var method)
            .Must(method != AgreementMethod.VerbalWithWitness || request.WitnessId is not null, "witnessId",
                "A verbal agreement names its witness (an opaque user id).")
            .OptionalAgencyId(request.WitnessId, "witnessId");
        if (errors.Any) return errors.ToProblem();

        var command = new AgreeToPlan(request.PlanVersion!.Value, method!.Value, request.WitnessId, clock.GetUtcNow());
        return (await http.ChangePlanAsync(session, caseId, plan => Decide(plan, command), ct)).ToHttpResult(http.Response);
    }
}
