using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.ServicePlan.Plans;
using Platform.ServicePlan.Plans.Deadlines;
using Platform.ServicePlan.Plans.Starting;
using Published = Platform.Contracts.ServicePlan;

namespace Platform.ServicePlan;

public static class ServicePlanServices
{
    public const string Name = "plans";

    public static WebApplicationBuilder AddServicePlan(this WebApplicationBuilder builder)
    {
        builder.AddEventStore<ServicePlanIntegrationEvents>(schema: Name, options =>
        {
            options.Projections.Snapshot<Plan>(SnapshotLifecycle.Inline);
            options.Schema.For<Plan>().Duplicate(p => p.NextDeadline);
        });
        builder.AddPlatformMessaging(Name, bus =>
        {
            bus.AddCaseAccessModel();
            bus.AddConsumer<StartPlanOnCaseOpened>();
            bus.AddConsumer<ProposeGoalsOnNeedsAssessed>();
            bus.AddConsumer<ClosePlanOnCaseClosed>();
            bus.AddConsumer<ReopenPlanOnCaseReopened>();
        });
        builder.Services.AddHostedService<PlanDeadlineMonitor>();
        return builder;
    }
}

/// <summary>
/// What ServicePlan tells the other services: that goals, agreements, reviews and milestones changed, never the words
/// of them (the desired outcome, the client's words, progress notes, place names and the safety plan stay here).
/// </summary>
public sealed class ServicePlanIntegrationEvents : IntegrationEventMap
{
    public ServicePlanIntegrationEvents()
    {
        Map<PlanStarted>((e, m) => new Published.PlanStarted(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.LeadAgencyId));
        Map<GoalSet>((e, m) => new Published.GoalSet(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.GoalId, e.Domain,
            Published.GoalStatus.Proposed, e.TargetDate));
        Map<GoalRevised>((e, m) => new Published.GoalRevised(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.GoalId, e.TargetDate));
        Map<GoalStatusChanged>((e, m) => new Published.GoalStatusChanged(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.GoalId,
            e.From, e.To));
        Map<GoalProgressRecorded>((e, m) => new Published.GoalProgressRecorded(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.GoalId, e.Achievement));
        Map<PlanAgreedByClient>((e, m) => new Published.PlanAgreedByClient(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.PlanVersion, e.Method));
        Map<PlanReviewed>((e, m) => new Published.PlanReviewed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.NextReviewOn));
        Map<PlanReviewDue>((e, m) => new Published.PlanReviewDue(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.DueOn));
        Map<MilestoneScheduled>((e, m) => new Published.MilestoneScheduled(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.MilestoneId, e.Kind, e.At, e.Place, e.Needs.Accompaniment, e.Needs.InterpreterLanguage, e.Needs.Transport));
        Map<MilestoneRescheduled>((e, m) => new Published.MilestoneRescheduled(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.MilestoneId, e.Kind, e.At, e.Place));
        Map<MilestoneCompleted>((e, m) => new Published.MilestoneCompleted(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.MilestoneId, e.Kind));
        Map<MilestoneMissed>((e, m) => new Published.MilestoneMissed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.MilestoneId, e.Kind));
        Map<MilestoneApproaching>((e, m) => new Published.MilestoneApproaching(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.MilestoneId, e.Kind, e.For));
        Map<SafetyPlanUpdated>((e, m) => new Published.SafetyPlanUpdated(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.Version));
    }
}
