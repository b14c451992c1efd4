using Platform.Contracts.Intake;
using Platform.Contracts.ServicePlan;
using Platform.ServicePlan.Plans;
using Platform.ServicePlan.Plans.Agreeing;
using Platform.ServicePlan.Plans.Goals;
using Platform.ServicePlan.Plans.Milestones;
using Platform.Testing;
using GoalSet = Platform.ServicePlan.Plans.GoalSet;
using GoalRevised = Platform.ServicePlan.Plans.GoalRevised;
using GoalStatusChanged = Platform.ServicePlan.Plans.GoalStatusChanged;
using GoalProgressRecorded = Platform.ServicePlan.Plans.GoalProgressRecorded;
using PlanStarted = Platform.ServicePlan.Plans.PlanStarted;
using PlanAgreedByClient = Platform.ServicePlan.Plans.PlanAgreedByClient;
using PlanReviewed = Platform.ServicePlan.Plans.PlanReviewed;
using PlanReviewDue = Platform.ServicePlan.Plans.PlanReviewDue;
using MilestoneScheduled = Platform.ServicePlan.Plans.MilestoneScheduled;
using MilestoneRescheduled = Platform.ServicePlan.Plans.MilestoneRescheduled;
using MilestoneCompleted = Platform.ServicePlan.Plans.MilestoneCompleted;
using MilestoneApproaching = Platform.ServicePlan.Plans.MilestoneApproaching;

namespace Platform.ServicePlan.Tests;

public sealed class PlanDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid GoalId = Guid.CreateVersion7();
    private static readonly Guid MilestoneId = Guid.CreateVersion7();
    private static readonly PlanStarted Started = new(CaseId, "agency-lead", Now);
    private static readonly GoalSet Housing = new(GoalId, NeedDomain.Housing, "Stable housing", "a safe place of my own", null, false, Now);
    private static readonly MilestoneScheduled Deposition = new(MilestoneId, MilestoneKind.Deposition, Now.AddDays(5), PlaceKind.ProsecutorOffice,
        "District attorney", new MilestoneNeeds(true, "es", true), "agency-police", Now);

    private static DecisionSpec<Plan> Spec => DecisionSpec.For<Plan>(Plan.Fold);

    private static GoalStatusChanged Moved(GoalStatus from, GoalStatus to) => new(GoalId, from, to, Now);

    /// <summary>Every status a goal can be in, with the events that bring it there.</summary>
    private static object[] GoalIn(GoalStatus status) => status switch
    {
        GoalStatus.Proposed => [Started, Housing],
        GoalStatus.Accepted => [Started, Housing, Moved(GoalStatus.Proposed, GoalStatus.Accepted)],
        _ => [.. GoalIn(GoalStatus.Accepted), Moved(GoalStatus.Accepted, status)],
    };

    /// <summary>
    /// The goal lifecycle (FHIR Goal, lifecycleStatus) as the service promises it, written out here rather than read from the
    /// production table: a proposed goal becomes accepted only through the client's agreement of the plan.
    /// </summary>
    private static readonly HashSet<(GoalStatus From, GoalStatus To)> Lifecycle =
    [
        (GoalStatus.Proposed, GoalStatus.Cancelled), (GoalStatus.Proposed, GoalStatus.EnteredInError),
        (GoalStatus.Accepted, GoalStatus.Active), (GoalStatus.Accepted, GoalStatus.OnHold), (GoalStatus.Accepted, GoalStatus.Completed),
        (GoalStatus.Accepted, GoalStatus.Cancelled), (GoalStatus.Accepted, GoalStatus.EnteredInError),
        (GoalStatus.Active, GoalStatus.OnHold), (GoalStatus.Active, GoalStatus.Completed), (GoalStatus.Active, GoalStatus.Cancelled),
        (GoalStatus.Active, GoalStatus.EnteredInError),
        (GoalStatus.OnHold, GoalStatus.Active), (GoalStatus.OnHold, GoalStatus.Cancelled), (GoalStatus.OnHold, GoalStatus.EnteredInError),
        (GoalStatus.Completed, GoalStatus.EnteredInError),
        (GoalStatus.Cancelled, GoalStatus.EnteredInError),
    ];

    public static IEnumerable<object[]> Transitions =>
        from source in Enum.GetValues<GoalStatus>()
        from target in Enum.GetValues<GoalStatus>()
        where source != target
        select new object[] { source, target };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void A_goal_moves_only_along_the_FHIR_lifecycle(GoalStatus from, GoalStatus to)
    {
        var outcome = Spec.Given(GoalIn(from)).When(p => PlanGoals.Decide(p, new ChangeGoalStatus(GoalId, to, Now)));

        if (Lifecycle.Contains((from, to))) outcome.Then(Moved(from, to));
        else if (from == GoalStatus.Proposed && to is GoalStatus.Accepted or GoalStatus.Active) outcome.ThenRejected("client agrees");
        else outcome.ThenRejected("cannot become");
    }

    [Fact]
    public void The_lifecycle_allows_what_FHIR_allows_and_nothing_leaves_entered_in_error()
    {
        Assert.True(PlanGoals.MayMove(GoalStatus.Active, GoalStatus.OnHold));
        Assert.True(PlanGoals.MayMove(GoalStatus.OnHold, GoalStatus.Active));
        Assert.True(PlanGoals.MayMove(GoalStatus.Active, GoalStatus.Completed));
        Assert.False(PlanGoals.MayMove(GoalStatus.Completed, GoalStatus.Active));
        Assert.All(Enum.GetValues<GoalStatus>(), to => Assert.False(PlanGoals.MayMove(GoalStatus.EnteredInError, to)));
    }

    [Fact]
    public void The_clients_agreement_accepts_the_proposed_goals_and_records_the_version_it_covers() =>
        Spec.Given(Started, Housing)
            .When(p => PlanAgreement.Decide(p, new AgreeToPlan(1, AgreementMethod.Signed, null, Now)))
            .Then(Moved(GoalStatus.Proposed, GoalStatus.Accepted), new PlanAgreedByClient(2, AgreementMethod.Signed, null, Now));

    [Fact]
    public void An_agreement_to_a_version_the_plan_has_moved_past_is_refused() =>
        Spec.Given(Started, Housing, new GoalRevised(GoalId, "Housing within a month", null, null, Now))
            .When(p => PlanAgreement.Decide(p, new AgreeToPlan(1, AgreementMethod.Signed, null, Now)))
            .ThenRejected("changed since version 1");

    [Fact]
    public void A_plan_already_agreed_to_is_not_agreed_to_again_until_it_changes()
    {
        var agreed = Spec.Given(Started, Housing, Moved(GoalStatus.Proposed, GoalStatus.Accepted), new PlanAgreedByClient(2, AgreementMethod.Signed, null, Now));
        agreed.When(p => PlanAgreement.Decide(p, new AgreeToPlan(2, AgreementMethod.Signed, null, Now))).ThenRejected("already agreed");

        var plan = new object[] { Started, Housing, Moved(GoalStatus.Proposed, GoalStatus.Accepted), new PlanAgreedByClient(2, AgreementMethod.Signed, null, Now),
            new GoalRevised(GoalId, "Housing within a month", null, null, Now) }.Aggregate((Plan?)null, Plan.Fold)!;
        Assert.True(plan.AwaitsAgreement);
        Assert.Equal(3, plan.PlanVersion);
    }

    [Fact]
    public void An_empty_plan_has_nothing_to_agree_to() =>
        Spec.Given(Started).When(p => PlanAgreement.Decide(p, new AgreeToPlan(0, AgreementMethod.Signed, null, Now))).ThenRejected("no goals");

    [Fact]
    public void Progress_on_an_accepted_goal_makes_it_active_and_on_a_proposed_one_is_refused()
    {
        Spec.Given(GoalIn(GoalStatus.Accepted))
            .When(p => PlanGoals.Decide(p, new RecordProgress(GoalId, GoalAchievement.Improving, null, Now)))
            .Then(Moved(GoalStatus.Accepted, GoalStatus.Active), new GoalProgressRecorded(GoalId, GoalAchievement.Improving, null, Now));
        Spec.Given(GoalIn(GoalStatus.Proposed))
            .When(p => PlanGoals.Decide(p, new RecordProgress(GoalId, GoalAchievement.Improving, null, Now)))
            .ThenRejected("accepted, active or on-hold");
    }

    [Fact]
    public void A_closed_goal_is_not_revised() =>
        Spec.Given(GoalIn(GoalStatus.Completed))
            .When(p => PlanGoals.Decide(p, new ReviseGoal(GoalId, "Other", null, null, Now)))
            .ThenRejected("cannot be revised");

    [Fact]
    public void An_assessment_proposes_goals_for_high_and_urgent_needs_without_an_open_goal() =>
        Spec.Given(Started, Housing)
            .When(p => PlanGoals.ProposeFor(p, [new NeedLevel(NeedDomain.Housing, Urgency.Urgent), new NeedLevel(NeedDomain.Legal, Urgency.High),
                new NeedLevel(NeedDomain.Medical, Urgency.Moderate)], Now).Select(e => (object)(((GoalSet)e) with { GoalId = GoalId })).ToList())
            .Then(new GoalSet(GoalId, NeedDomain.Legal, "To be agreed with the client (legal need assessed as high or urgent).", null, null, true, Now));

    [Fact]
    public void A_milestone_is_rescheduled_while_scheduled_and_not_after_it_is_completed()
    {
        var later = Now.AddDays(9);
        Spec.Given(Started, Deposition)
            .When(p => PlanMilestones.Decide(p, new RescheduleMilestone(MilestoneId, later, PlaceKind.Court, "County court", "agency-police", Now)))
            .Then(new MilestoneRescheduled(MilestoneId, MilestoneKind.Deposition, later, PlaceKind.Court, "County court", "agency-police", Now));
        Spec.Given(Started, Deposition, new MilestoneCompleted(MilestoneId, MilestoneKind.Deposition, Now))
            .When(p => PlanMilestones.Decide(p, new RescheduleMilestone(MilestoneId, later, PlaceKind.Court, null, "agency-police", Now)))
            .ThenRejected("cannot be rescheduled");
    }

    [Fact]
    public void A_milestone_in_the_past_is_not_scheduled() =>
        Spec.Given(Started)
            .When(p => PlanMilestones.Decide(p, new ScheduleMilestone(MilestoneId, MilestoneKind.CourtAppearance, Now.AddHours(-1), PlaceKind.Court,
                null, new MilestoneNeeds(false, null, false), "agency-lead", Now)))
            .ThenRejected("ahead of now");

    [Fact]
    public void The_48_hour_notice_is_raised_once_and_a_reschedule_owes_a_new_one()
    {
        var notice = Now.AddDays(5) - Plan.MilestoneNotice;
        Spec.Given(Started, Deposition).When(p => PlanMilestones.Decide(p, new RaiseDue(notice.AddMinutes(-1)))).Then();
        Spec.Given(Started, Deposition).When(p => PlanMilestones.Decide(p, new RaiseDue(notice)))
            .Then(new MilestoneApproaching(MilestoneId, MilestoneKind.Deposition, Now.AddDays(5), notice));
        Spec.Given(Started, Deposition, new MilestoneApproaching(MilestoneId, MilestoneKind.Deposition, Now.AddDays(5), notice))
            .When(p => PlanMilestones.Decide(p, new RaiseDue(notice.AddHours(1)))).Then();
        Spec.Given(Started, Deposition, new MilestoneApproaching(MilestoneId, MilestoneKind.Deposition, Now.AddDays(5), notice),
                new MilestoneRescheduled(MilestoneId, MilestoneKind.Deposition, Now.AddDays(6), PlaceKind.Court, null, "agency-police", notice))
            .When(p => PlanMilestones.Decide(p, new RaiseDue(Now.AddDays(4))))
            .Then(new MilestoneApproaching(MilestoneId, MilestoneKind.Deposition, Now.AddDays(6), Now.AddDays(4)));
    }

    [Fact]
    public void A_review_falls_due_once_on_its_date()
    {
        var on = DateOnly.FromDateTime(Now.AddDays(30).UtcDateTime);
        var due = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Spec.Given(Started, new PlanReviewed(on, Now)).When(p => PlanMilestones.Decide(p, new RaiseDue(due.AddSeconds(-1)))).Then();
        Spec.Given(Started, new PlanReviewed(on, Now)).When(p => PlanMilestones.Decide(p, new RaiseDue(due))).Then(new PlanReviewDue(on, due));
        Spec.Given(Started, new PlanReviewed(on, Now), new PlanReviewDue(on, due)).When(p => PlanMilestones.Decide(p, new RaiseDue(due.AddDays(1)))).Then();
    }

    public static IEnumerable<object[]> MilestoneMoves =>
        from status in Enum.GetValues<MilestoneStatus>()
        from move in new[] { "reschedule", "complete", "miss" }
        select new object[] { status, move };

    [Theory]
    [MemberData(nameof(MilestoneMoves))]
    public void A_milestone_is_rescheduled_completed_or_missed_only_while_it_is_scheduled(MilestoneStatus status, string move)
    {
        object[] history = status switch
        {
            MilestoneStatus.Scheduled => [Started, Deposition],
            MilestoneStatus.Completed => [Started, Deposition, new MilestoneCompleted(MilestoneId, MilestoneKind.Deposition, Now)],
            _ => [Started, Deposition, new Platform.ServicePlan.Plans.MilestoneMissed(MilestoneId, MilestoneKind.Deposition, Now)],
        };
        var later = Now.AddDays(8);
        var outcome = Spec.Given(history).When(p => move switch
        {
            "reschedule" => PlanMilestones.Decide(p, new RescheduleMilestone(MilestoneId, later, PlaceKind.Court, null, "agency-lead", Now)),
            "complete" => PlanMilestones.Decide(p, new CompleteMilestone(MilestoneId, Now)),
            _ => PlanMilestones.Decide(p, new MissMilestone(MilestoneId, Now)),
        });

        if (status != MilestoneStatus.Scheduled) outcome.ThenRejected("cannot be");
        else if (move == "reschedule") outcome.Then(new MilestoneRescheduled(MilestoneId, MilestoneKind.Deposition, later, PlaceKind.Court, null, "agency-lead", Now));
        else if (move == "complete") outcome.Then(new MilestoneCompleted(MilestoneId, MilestoneKind.Deposition, Now));
        else outcome.Then(new Platform.ServicePlan.Plans.MilestoneMissed(MilestoneId, MilestoneKind.Deposition, Now));
    }
}
