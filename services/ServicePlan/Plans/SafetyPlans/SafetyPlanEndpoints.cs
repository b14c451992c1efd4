using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans.SafetyPlans;

public sealed record SafetyPlanRequest(string? Content);

public sealed record SafetyPlanView(int Version, string Content, DateTimeOffset UpdatedAt);

/// <summary>
/// The safety and crisis plan: versioned, written and read by the lead agency only. It may name where the client can
/// go, so no team agency and no administrator reads it (administrators see that versions exist, in the timeline).
/// </summary>
public static class SafetyPlanEndpoints
{
    public const int MaxContent = 8000;

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Update(Guid caseId, SafetyPlanRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Content, "content")
            .Must(request.Content is null || request.Content.Length <= MaxContent, "content", $"At most {MaxContent} characters.");
        if (errors.Any) return errors.ToProblem();

        var now = clock.GetUtcNow();
        var write = await http.ChangePlanAsync(session, caseId,
            plan => [new SafetyPlanUpdated((plan.SafetyPlan?.Version ?? 0) + 1, request.Content!, now)], ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<Ok<SafetyPlanView>, NotFound>> Get(Guid caseId, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return TypedResults.NotFound();
        var lead = access.IsLead(caller);
        await http.RecordReadAsync(caseId, "safety-plan", [InformationCategory.ContactLocation], lead ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        var plan = lead ? await session.LoadAsync<Plan>(caseId, ct) : null;
        return plan?.SafetyPlan is { } safety
            ? TypedResults.Ok(new SafetyPlanView(safety.Version, safety.Content, safety.UpdatedAt))
            : TypedResults.NotFound();
    }
}
