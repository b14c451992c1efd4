using Platform.ServiceDefaults;
using Platform.Contracts.Intake;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing;

namespace Platform.ServicePlan.Plans.Goals;

public sealed record SetGoal(Guid GoalId, NeedDomain Domain, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate, DateTimeOffset Now);

public sealed record ReviseGoal(Guid GoalId, string DesiredOutcome, string? ClientWords, DateOnly? TargetDate, DateTimeOffset Now);

public sealed record ChangeGoalStatus(Guid GoalId, GoalStatus To, DateTimeOffset Now);

public sealed record RecordProgress(Guid GoalId, GoalAchievement Achievement, string? Note, DateTimeOffset Now);

/// <summary>
/// Goals after FHIR Goal: set as proposed (the client agrees through the plan agreement, which accepts them), then
/// active, on hold, completed (achieved) or cancelled (dropped); any of them may be marked entered-in-error.
/// </summary>
public static class PlanGoals
{
    private static readonly Dictionary<GoalStatus, GoalStatus[]> Allowed = new()
    {
        [GoalStatus.Proposed] = [GoalStatus.Cancelled, GoalStatus.EnteredInError],
        [GoalStatus.Accepted] = [GoalStatus.Active, GoalStatus.OnHold, GoalStatus.Completed, GoalStatus.Cancelled, GoalStatus.EnteredInError],
        [GoalStatus.Active] = [GoalStatus.OnHold, GoalStatus.Completed, GoalStatus.Cancelled, GoalStatus.EnteredInError],
        [GoalStatus.OnHold] = [GoalStatus.Active, GoalStatus.Cancelled, GoalStatus.EnteredInError],
        [GoalStatus.Completed] = [GoalStatus.EnteredInError],
        [GoalStatus.Cancelled] = [GoalStatus.EnteredInError],
        [GoalStatus.EnteredInError] = [],
    };

    public static bool MayMove(GoalStatus from, GoalStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<object> Decide(Plan plan, SetGoal command) =>
        [new GoalSet(command.GoalId, command.Domain, command.DesiredOutcome, command.ClientWords, command.TargetDate, false, command.Now)];

    public static IReadOnlyList<object> Decide(Plan plan, ReviseGoal command)
    {
        var goal = Existing(plan, command.GoalId);
        if (!goal.IsOpen) throw new CommandRejectedException($"A goal that is {PlatformJson.Name(goal.Status)} cannot be revised.");
        return [new GoalRevised(goal.Id, command.DesiredOutcome, command.ClientWords, command.TargetDate, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Plan plan, ChangeGoalStatus command)
    {
        var goal = Existing(plan, command.GoalId);
        if (goal.Status == command.To) return [];
        if (goal.Status == GoalStatus.Proposed && command.To is GoalStatus.Accepted or GoalStatus.Active)
            throw new CommandRejectedException("A proposed goal is accepted when the client agrees to the plan (POST …/agreement).");
        if (!MayMove(goal.Status, command.To))
            throw new CommandRejectedException($"A goal that is {PlatformJson.Name(goal.Status)} cannot become {PlatformJson.Name(command.To)}.");
        return [new GoalStatusChanged(goal.Id, goal.Status, command.To, command.Now)];
    }

    public static IReadOnlyList<object> Decide(Plan plan, RecordProgress command)
    {
        var goal = Existing(plan, command.GoalId);
        if (goal.Status is not (GoalStatus.Accepted or GoalStatus.Active or GoalStatus.OnHold))
            throw new CommandRejectedException($"Progress is recorded on an accepted, active or on-hold goal, not on one that is {PlatformJson.Name(goal.Status)}.");
        return goal.Status == GoalStatus.Accepted
            ? [new GoalStatusChanged(goal.Id, goal.Status, GoalStatus.Active, command.Now),
                new GoalProgressRecorded(goal.Id, command.Achievement, command.Note, command.Now)]
            : [new GoalProgressRecorded(goal.Id, command.Achievement, command.Note, command.Now)];
    }

    /// <summary>Goals for the high and urgent needs of an assessment, for domains with no open goal yet (proposed until the client agrees).</summary>
    public static IReadOnlyList<object> ProposeFor(Plan plan, IReadOnlyList<NeedLevel> needs, DateTimeOffset now) =>
        needs.Where(n => n.Urgency is Urgency.High or Urgency.Urgent)
            .Select(n => n.Domain)
            .Distinct()
            .Where(domain => !plan.Goals.Any(g => g.Domain == domain && g.IsOpen))
            .Select(domain => (object)new GoalSet(Guid.CreateVersion7(), domain, $"To be agreed with the client ({PlatformJson.Name(domain)} need assessed as high or urgent).",
                null, null, true, now))
            .ToList();

    private static Goal Existing(Plan plan, Guid goalId) =>
        plan.Goal(goalId) ?? throw new CommandRejectedException("No such goal in this plan.");

}
