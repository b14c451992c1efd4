using Platform.Contracts.Intake;
using Platform.Contracts.ServicePlan;

namespace Platform.ServicePlan.Plans;

// The Plan stream (one per case, its id the case id): its events (past tense) and its state, evolved by Marten from them.

public sealed record PlanStarted(Guid CaseId, string LeadAgencyId, DateTimeOffset StartedAt);

public sealed record GoalSet(Guid GoalId, NeedDomain Domain, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate, bool FromAssessment,
    DateTimeOffset SetAt);

public sealed record GoalRevised(Guid GoalId, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate, DateTimeOffset RevisedAt);

public sealed record GoalStatusChanged(Guid GoalId, GoalStatus From, GoalStatus To, DateTimeOffset ChangedAt);

public sealed record GoalProgressRecorded(Guid GoalId, GoalAchievement Achievement, string? Note, DateTimeOffset RecordedAt);

public sealed record PlanAgreedByClient(long PlanVersion, AgreementMethod Method, string? WitnessId, DateTimeOffset AgreedAt);

public sealed record PlanReviewed(DateOnly NextReviewOn, DateTimeOffset ReviewedAt);

public sealed record PlanReviewDue(DateOnly DueOn, DateTimeOffset RaisedAt);

public sealed record MilestoneScheduled(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, string? PlaceName,
    MilestoneNeeds Needs, string ScheduledByAgencyId, DateTimeOffset ScheduledAt);

public sealed record MilestoneRescheduled(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, string? PlaceName, string ByAgencyId,
    DateTimeOffset RescheduledAt);

public sealed record MilestoneCompleted(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset CompletedAt);

public sealed record MilestoneMissed(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset RecordedAt);

public sealed record MilestoneApproaching(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset For, DateTimeOffset RaisedAt);

/// <summary>The case closed (Intake): the plan takes no change and raises no notice until the case reopens.</summary>
public sealed record PlanClosed(DateTimeOffset ClosedAt);

public sealed record PlanReopened(DateTimeOffset ReopenedAt);

/// <summary>A new version of the safety plan. Its text stays in ServicePlan and only the lead agency reads it.</summary>
public sealed record SafetyPlanUpdated(int Version, string Content, DateTimeOffset UpdatedAt);

/// <summary>What the client needs to get to a milestone.</summary>
public sealed record MilestoneNeeds(bool Accompaniment, string? InterpreterLanguage, bool Transport);

public sealed record GoalProgress(GoalAchievement Achievement, string? Note, DateTimeOffset RecordedAt);

public sealed record Goal(Guid Id, NeedDomain Domain, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate, GoalStatus Status,
    bool FromAssessment, DateTimeOffset SetAt)
{
    public IReadOnlyList<GoalProgress> Progress { get; init; } = [];

    public bool IsOpen => Status is GoalStatus.Proposed or GoalStatus.Accepted or GoalStatus.Active or GoalStatus.OnHold;
}

public sealed record Milestone(Guid Id, MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, string? PlaceName, MilestoneNeeds Needs,
    MilestoneStatus Status, string ScheduledByAgencyId, DateTimeOffset? ApproachingRaisedFor = null)
{
    /// <summary>When the 48-hour notice falls due, while it is still owed.</summary>
    public DateTimeOffset? ApproachingDueAt =>
        Status == MilestoneStatus.Scheduled && ApproachingRaisedFor != At ? At - Plan.MilestoneNotice : null;
}

public sealed record Agreement(long PlanVersion, AgreementMethod Method, string? WitnessId, DateTimeOffset AgreedAt);

public sealed record SafetyPlan(int Version, string Content, DateTimeOffset UpdatedAt);

/// <summary>A case's plan as ServicePlan knows it; an inline snapshot, so a read is one document load.</summary>
public sealed record Plan(Guid Id, string LeadAgencyId, DateTimeOffset StartedAt)
{
    public static readonly TimeSpan MilestoneNotice = TimeSpan.FromHours(48);

    /// <summary>The stream version, set by Marten (the ETag).</summary>
    public long Version { get; set; }

    public IReadOnlyList<Goal> Goals { get; init; } = [];

    /// <summary>Changes to the plan's goals so far: what the client agrees to.</summary>
    public long PlanVersion { get; init; }

    public Agreement? LastAgreement { get; init; }

    public DateOnly? NextReviewOn { get; init; }

    public DateTimeOffset? LastReviewedAt { get; init; }

    public DateOnly? ReviewDueRaisedFor { get; init; }

    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    public SafetyPlan? SafetyPlan { get; init; }

    public bool Closed { get; init; }

    /// <summary>The goals changed since the client last agreed (or were never agreed to).</summary>
    public bool AwaitsAgreement => Goals.Count > 0 && LastAgreement?.PlanVersion != PlanVersion;

    public DateTimeOffset? ReviewDueAt =>
        NextReviewOn is { } on && ReviewDueRaisedFor != on ? new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The earliest deadline still owed an event (a review due, a milestone's 48-hour notice), for the monitor.</summary>
    public DateTimeOffset? NextDeadline => Closed ? null :
        Milestones.Select(m => m.ApproachingDueAt).Append(ReviewDueAt).Where(d => d is not null).Min();

    public Goal? Goal(Guid id) => Goals.FirstOrDefault(g => g.Id == id);

    public Milestone? Milestone(Guid id) => Milestones.FirstOrDefault(m => m.Id == id);

    /// <summary>The whole life of a plan in one fold; Marten uses Create and Apply, decision tests use this.</summary>
    public static Plan Fold(Plan? state, object @event) => (state, @event) switch
    {
        (null, PlanStarted e) => Create(e),
        (not null, GoalSet e) => state.Apply(e),
        (not null, GoalRevised e) => state.Apply(e),
        (not null, GoalStatusChanged e) => state.Apply(e),
        (not null, GoalProgressRecorded e) => state.Apply(e),
        (not null, PlanAgreedByClient e) => state.Apply(e),
        (not null, PlanReviewed e) => state.Apply(e),
        (not null, PlanReviewDue e) => state.Apply(e),
        (not null, MilestoneScheduled e) => state.Apply(e),
        (not null, MilestoneRescheduled e) => state.Apply(e),
        (not null, MilestoneCompleted e) => state.Apply(e),
        (not null, MilestoneMissed e) => state.Apply(e),
        (not null, MilestoneApproaching e) => state.Apply(e),
        (not null, SafetyPlanUpdated e) => state.Apply(e),
        (not null, PlanClosed e) => state.Apply(e),
        (not null, PlanReopened e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : "a started plan")}."),
    };

    public static Plan Create(PlanStarted e) => new(e.CaseId, e.LeadAgencyId, e.StartedAt);

    public Plan Apply(GoalSet e) => this with
    {
        Goals = [.. Goals, new Goal(e.GoalId, e.Domain, e.DesiredOutcome, e.ClientWords, e.TargetDate, GoalStatus.Proposed, e.FromAssessment, e.SetAt)],
        PlanVersion = PlanVersion + 1,
    };

    public Plan Apply(GoalRevised e) => WithGoal(e.GoalId, g => g with
    {
        DesiredOutcome = e.DesiredOutcome, ClientWords = e.ClientWords, TargetDate = e.TargetDate,
    }) with { PlanVersion = PlanVersion + 1 };

    public Plan Apply(GoalStatusChanged e) => WithGoal(e.GoalId, g => g with { Status = e.To }) with { PlanVersion = PlanVersion + 1 };

    public Plan Apply(GoalProgressRecorded e) =>
        WithGoal(e.GoalId, g => g with { Progress = [.. g.Progress, new GoalProgress(e.Achievement, e.Note, e.RecordedAt)] });

    public Plan Apply(PlanAgreedByClient e) => this with { LastAgreement = new Agreement(e.PlanVersion, e.Method, e.WitnessId, e.AgreedAt) };

    public Plan Apply(PlanReviewed e) => this with { NextReviewOn = e.NextReviewOn, LastReviewedAt = e.ReviewedAt };

    public Plan Apply(PlanReviewDue e) => this with { ReviewDueRaisedFor = e.DueOn };

    public Plan Apply(MilestoneScheduled e) => this with
    {
        Milestones = [.. Milestones, new Milestone(e.MilestoneId, e.Kind, e.At, e.Place, e.PlaceName, e.Needs, MilestoneStatus.Scheduled,
            e.ScheduledByAgencyId)],
    };

    public Plan Apply(MilestoneRescheduled e) => WithMilestone(e.MilestoneId, m => m with { At = e.At, Place = e.Place, PlaceName = e.PlaceName });

    public Plan Apply(MilestoneCompleted e) => WithMilestone(e.MilestoneId, m => m with { Status = MilestoneStatus.Completed });

    public Plan Apply(MilestoneMissed e) => WithMilestone(e.MilestoneId, m => m with { Status = MilestoneStatus.Missed });

    public Plan Apply(MilestoneApproaching e) => WithMilestone(e.MilestoneId, m => m with { ApproachingRaisedFor = e.For });

    public Plan Apply(PlanClosed e) => this with { Closed = true };

    public Plan Apply(PlanReopened e) => this with { Closed = false };

    public Plan Apply(SafetyPlanUpdated e) => this with { SafetyPlan = new SafetyPlan(e.Version, e.Content, e.UpdatedAt) };

    private Plan WithGoal(Guid id, Func<Goal, Goal> change) => this with { Goals = Goals.Select(g => g.Id == id ? change(g) : g).ToList() };

    private Plan WithMilestone(Guid id, Func<Milestone, Milestone> change) =>
        this with { Milestones = Milestones.Select(m => m.Id == id ? change(m) : m).ToList() };
}
