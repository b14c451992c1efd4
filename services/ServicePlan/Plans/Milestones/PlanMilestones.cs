using Platform.ServiceDefaults;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing;

namespace Platform.ServicePlan.Plans.Milestones;

public sealed record ScheduleMilestone(Guid MilestoneId, MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, string? PlaceName,
    MilestoneNeeds Needs, string ByAgencyId, DateTimeOffset Now);

public sealed record RescheduleMilestone(Guid MilestoneId, DateTimeOffset At, PlaceKind Place, string? PlaceName, string ByAgencyId,
    DateTimeOffset Now);

public sealed record CompleteMilestone(Guid MilestoneId, DateTimeOffset Now);

public sealed record MissMilestone(Guid MilestoneId, DateTimeOffset Now);

/// <summary>Raise what is due at <see cref="Now"/>: a review's notice, each milestone's 48-hour notice, once each.</summary>
public sealed record RaiseDue(DateTimeOffset Now);

/// <summary>Milestones: scheduled, rescheduled while still ahead, then completed or missed.</summary>
public static class PlanMilestones
{
    public static IReadOnlyList<object> Decide(Plan plan, ScheduleMilestone c)
    {
        if (c.At <= c.Now) throw new CommandRejectedException("A milestone is scheduled ahead of now.");
        return [new MilestoneScheduled(c.MilestoneId, c.Kind, c.At, c.Place, c.PlaceName, c.Needs, c.ByAgencyId, c.Now)];
    }

    public static IReadOnlyList<object> Decide(Plan plan, RescheduleMilestone c)
    {
        var milestone = Scheduled(plan, c.MilestoneId, "rescheduled");
        if (c.At <= c.Now) throw new CommandRejectedException("A milestone is rescheduled to a time ahead of now.");
        return milestone.At == c.At && milestone.Place == c.Place && milestone.PlaceName == c.PlaceName
            ? []
            : [new MilestoneRescheduled(c.MilestoneId, milestone.Kind, c.At, c.Place, c.PlaceName, c.ByAgencyId, c.Now)];
    }

    public static IReadOnlyList<object> Decide(Plan plan, CompleteMilestone c)
    {
        var milestone = Scheduled(plan, c.MilestoneId, "completed");
        return [new MilestoneCompleted(c.MilestoneId, milestone.Kind, c.Now)];
    }

    public static IReadOnlyList<object> Decide(Plan plan, MissMilestone c)
    {
        var milestone = Scheduled(plan, c.MilestoneId, "recorded as missed");
        return [new MilestoneMissed(c.MilestoneId, milestone.Kind, c.Now)];
    }

    /// <summary>
    /// Every notice owed at <see cref="RaiseDue.Now"/>; nothing when none is (so two monitors, or one that restarts, raise each once:
    /// the second decides on a state that already holds the first's events, or loses the optimistic-concurrency race).
    /// A monitor that was stopped raises late notices when it catches up: a case manager should still hear of them.
    /// </summary>
    public static IReadOnlyList<object> Decide(Plan plan, RaiseDue c)
    {
        var due = new List<object>();
        if (plan.ReviewDueAt is { } reviewAt && reviewAt <= c.Now) due.Add(new PlanReviewDue(plan.NextReviewOn!.Value, c.Now));
        due.AddRange(plan.Milestones.Where(m => m.ApproachingDueAt is { } at && at <= c.Now)
            .Select(m => new MilestoneApproaching(m.Id, m.Kind, m.At, c.Now)));
        return due;
    }

    private static Milestone Scheduled(Plan plan, Guid id, string what)
    {
        var milestone = plan.Milestone(id) ?? throw new CommandRejectedException("No such milestone in this plan.");
        if (milestone.Status != MilestoneStatus.Scheduled)
            throw new CommandRejectedException($"A milestone that is {PlatformJson.Name(milestone.Status)} cannot be {what}.");
        return milestone;
    }
}
