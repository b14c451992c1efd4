using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;
using Platform.ServicePlan.Plans.Milestones;

namespace Platform.ServicePlan.Plans.Reading;

/// <summary>
/// A plan as an agency entitled to the service-plan category sees it: goals with their progress, the version the client
/// agreed to and whether a change awaits agreement, reviews, and the milestones of the categories it may see. The
/// safety plan is read on its own (lead agency only).
/// </summary>
public sealed record PlanView(Guid CaseId, long Version, bool Closed, long PlanVersion, bool AwaitsAgreement, Agreement? LastAgreement, IReadOnlyList<Goal> Goals,
    DateOnly? NextReviewOn, DateTimeOffset? LastReviewedAt, IReadOnlyList<MilestoneView> Milestones, int? SafetyPlanVersion);

public static class GetPlanEndpoint
{
    public static async Task<Results<Ok<PlanView>, NotFound>> Handle(Guid caseId, HttpContext http, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return TypedResults.NotFound();
        var visible = access.VisibleTo(caller, clock.GetUtcNow());
        var allowed = visible.Contains(InformationCategory.ServicePlan);
        await http.RecordReadAsync(caseId, "plan", [InformationCategory.ServicePlan], allowed ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        var plan = allowed ? await session.LoadAsync<Plan>(caseId, ct) : null;
        if (plan is null) return TypedResults.NotFound();

        http.Response.SetETag(plan.Version);
        return TypedResults.Ok(new PlanView(plan.Id, plan.Version, plan.Closed, plan.PlanVersion, plan.AwaitsAgreement, plan.LastAgreement, plan.Goals,
            plan.NextReviewOn, plan.LastReviewedAt,
            plan.Milestones.Where(m => visible.Contains(MilestoneCategories.Of(m.Kind))).OrderBy(m => m.At).Select(MilestoneView.Of).ToList(),
            access.IsLead(caller) ? plan.SafetyPlan?.Version : null));
    }
}
