using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans.Reviews;

public sealed record ReviewPlan(DateOnly NextReviewOn, DateTimeOffset Now);

public sealed record ReviewRequest(DateOnly? NextReviewOn);

/// <summary>The plan is reviewed with the client and the next review is set; the review that falls due raises PlanReviewDue once.</summary>
public static class PlanReviews
{
    public static IReadOnlyList<object> Decide(Plan plan, ReviewPlan command)
    {
        if (command.NextReviewOn <= DateOnly.FromDateTime(command.Now.UtcDateTime))
            throw new CommandRejectedException("The next review is after today.");
        return [new PlanReviewed(command.NextReviewOn, command.Now)];
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId, ReviewRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var errors = new FieldErrors()
            .Required(request.NextReviewOn, "nextReviewOn")
            .Must(request.NextReviewOn is null || (request.NextReviewOn > today && request.NextReviewOn <= today.AddYears(1)), "nextReviewOn",
                "A date after today and within a year.");
        if (errors.Any) return errors.ToProblem();

        var command = new ReviewPlan(request.NextReviewOn!.Value, now);
        return (await http.ChangePlanAsync(session, caseId, plan => Decide(plan, command), ct)).ToHttpResult(http.Response);
    }
}
