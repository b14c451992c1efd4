using Platform.ServicePlan.Plans.Agreeing;
using Platform.ServicePlan.Plans.Goals;
using Platform.ServicePlan.Plans.Milestones;
using Platform.ServicePlan.Plans.Reading;
using Platform.ServicePlan.Plans.Reviews;
using Platform.ServicePlan.Plans.SafetyPlans;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan;

/// <summary>ServicePlan's HTTP API, all under <c>/api/plans/cases/{caseId}</c>: a table of contents of what it can do.</summary>
public static class ServicePlanApi
{
    public static WebApplication MapServicePlanApi(this WebApplication app)
    {
        var plans = app.MapGroup("/api/plans/cases/{caseId:guid}")
            .WithTags("Plans")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        plans.MapGet("/plan", GetPlanEndpoint.Handle)
            .WithName("GetPlan")
            .WithSummary("The plan: goals, agreement, reviews and the milestones of the categories the caller may see (service-plan category).");
        plans.MapPost("/goals", GoalEndpoints.Set)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("SetGoal")
            .WithSummary("Set a goal for a need domain: desired outcome, the client's own words, target date. Proposed until the client agrees.");
        plans.MapPost("/goals/{goalId:guid}/revision", GoalEndpoints.Revise)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ReviseGoal")
            .WithSummary("Revise a goal's outcome, words or target date; the plan then awaits the client's agreement again.");
        plans.MapPost("/goals/{goalId:guid}/status", GoalEndpoints.ChangeStatus)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ChangeGoalStatus")
            .WithSummary("Move a goal: active, on-hold, completed (achieved), cancelled (dropped), entered-in-error.");
        plans.MapPost("/goals/{goalId:guid}/progress", GoalEndpoints.RecordProgress)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("RecordGoalProgress")
            .WithSummary("Record progress on a goal (FHIR achievement status and a short note).");
        plans.MapPost("/agreement", PlanAgreement.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("AgreeToPlan")
            .WithSummary("Record that the client agreed to a plan version (signed, or verbal with a witness); proposed goals become accepted.");
        plans.MapPost("/reviews", PlanReviews.Handle)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("ReviewPlan")
            .WithSummary("Record a review with the client and the next review date; a review that falls due raises an event once.");
        plans.MapGet("/milestones", MilestoneEndpoints.List)
            .WithName("ListMilestones")
            .WithSummary("The milestones of the categories the caller may see (depositions and court dates need legal consent).");
        plans.MapPost("/milestones", MilestoneEndpoints.Schedule)
            .WithName("ScheduleMilestone")
            .WithSummary("Schedule a milestone (lead agency; a law-enforcement agency with legal consent for depositions and court dates).");
        plans.MapPost("/milestones/{milestoneId:guid}/reschedule", MilestoneEndpoints.Reschedule)
            .WithName("RescheduleMilestone")
            .WithSummary("Move a milestone to a new time or place (same rule as scheduling).");
        plans.MapPost("/milestones/{milestoneId:guid}/completion", MilestoneEndpoints.Complete)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("CompleteMilestone");
        plans.MapPost("/milestones/{milestoneId:guid}/missed", MilestoneEndpoints.Miss)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("MissMilestone");
        plans.MapGet("/safety-plan", SafetyPlanEndpoints.Get)
            .WithName("GetSafetyPlan")
            .WithSummary("The current safety plan (lead agency only).");
        plans.MapPut("/safety-plan", SafetyPlanEndpoints.Update)
            .RequireAuthorization(PlatformPolicies.CaseWork)
            .WithName("UpdateSafetyPlan")
            .WithSummary("A new version of the safety plan (lead agency only).");
        return app;
    }
}
