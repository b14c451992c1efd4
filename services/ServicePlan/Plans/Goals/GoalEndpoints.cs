using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Intake;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans.Goals;

public sealed record GoalRequest(string? Domain, string? DesiredOutcome, string? ClientWords, DateOnly? TargetDate);

public sealed record GoalStatusRequest(string? Status);

public sealed record ProgressRequest(string? Achievement, string? Note);

public static class GoalEndpoints
{
    public const int MaxText = 500;

    public static async Task<Results<Created<Goal>, NotFound, ProblemHttpResult, ValidationProblem>> Set(Guid caseId, GoalRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request, clock, out var domain).Required(request.Domain, "domain");
        if (errors.Any) return errors.ToProblem();

        var command = new SetGoal(Guid.CreateVersion7(), domain!.Value, request.DesiredOutcome!, request.ClientWords, request.TargetDate,
            clock.GetUtcNow());
        var write = await http.ChangePlanAsync(session, caseId, plan => PlanGoals.Decide(plan, command), ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created($"/api/plans/cases/{caseId}/goals/{command.GoalId}",
            new Goal(command.GoalId, command.Domain, command.DesiredOutcome, command.ClientWords, command.TargetDate, GoalStatus.Proposed, false,
                command.Now)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Revise(Guid caseId, Guid goalId,
        GoalRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request, clock, out _).Must(request.Domain is null, "domain", "A goal keeps its domain; set a new goal instead.");
        if (errors.Any) return errors.ToProblem();

        var command = new ReviseGoal(goalId, request.DesiredOutcome!, request.ClientWords, request.TargetDate, clock.GetUtcNow());
        return (await ChangeGoalAsync(http, session, caseId, goalId, plan => PlanGoals.Decide(plan, command), ct)).ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> ChangeStatus(Guid caseId, Guid goalId,
        GoalStatusRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Status, "status").OptionalEnum<GoalStatus>(request.Status, "status", out var status);
        if (errors.Any) return errors.ToProblem();

        var command = new ChangeGoalStatus(goalId, status!.Value, clock.GetUtcNow());
        return (await ChangeGoalAsync(http, session, caseId, goalId, plan => PlanGoals.Decide(plan, command), ct)).ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> RecordProgress(Guid caseId, Guid goalId,
        ProgressRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Achievement, "achievement")
            .OptionalEnum<GoalAchievement>(request.Achievement, "achievement", out var achievement)
            .Must(request.Note is null || request.Note.Length <= MaxText, "note", $"At most {MaxText} characters.");
        if (errors.Any) return errors.ToProblem();

        var command = new RecordProgress(goalId, achievement!.Value, request.Note, clock.GetUtcNow());
        return (await ChangeGoalAsync(http, session, caseId, goalId, plan => PlanGoals.Decide(plan, command), ct)).ToHttpResult(http.Response);
    }

    /// <summary>A goal that is not in the plan is answered 404, like a plan the caller may not change.</summary>
    private static Task<StreamWrite> ChangeGoalAsync(HttpContext http, IDocumentSession session, Guid caseId, Guid goalId,
        Func<Plan, IReadOnlyList<object>> decide, CancellationToken ct) =>
        http.ChangePlanAsync(session, caseId, decide, ct, (caller, access, plan) => access.MayBeChangedBy(caller) && plan.Goal(goalId) is not null);

    private static FieldErrors Validate(GoalRequest request, TimeProvider clock, out NeedDomain? domain) =>
        new FieldErrors()
            .OptionalEnum(request.Domain, "domain", out domain)
            .Required(request.DesiredOutcome, "desiredOutcome")
            .Must(request.DesiredOutcome is null || request.DesiredOutcome.Length <= MaxText, "desiredOutcome", $"At most {MaxText} characters.")
            .Must(request.ClientWords is null || request.ClientWords.Length <= MaxText, "clientWords", $"At most {MaxText} characters.")
            .Must(request.TargetDate is null || request.TargetDate >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), "targetDate",
                "A date from today on.");
}
