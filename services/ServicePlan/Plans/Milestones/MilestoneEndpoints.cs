using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Disclosure;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans.Milestones;

public sealed record PlaceRequest(string? Kind, string? Name);

public sealed record NeedsRequest(bool? Accompaniment, string? InterpreterLanguage, bool? Transport);

public sealed record MilestoneRequest(string? Kind, DateTimeOffset? At, PlaceRequest? Place, NeedsRequest? Needs);

public sealed record RescheduleRequest(DateTimeOffset? At, PlaceRequest? Place);

public sealed record MilestoneView(Guid Id, MilestoneKind Kind, DateTimeOffset At, PlaceKind Place, string? PlaceName, MilestoneNeeds Needs,
    MilestoneStatus Status, string ScheduledByAgencyId)
{
    public static MilestoneView Of(Milestone m) => new(m.Id, m.Kind, m.At, m.Place, m.PlaceName, m.Needs, m.Status, m.ScheduledByAgencyId);
}

/// <summary>
/// Milestones of the case. The lead agency's case workers schedule every kind; a law-enforcement agency with the
/// client's consent to legal information schedules and reschedules depositions and court appearances. A place is a
/// kind and, for public places, a name (a courthouse, a clinic); a shelter is recorded as a confidential place, with no
/// name or address.
/// </summary>
public static class MilestoneEndpoints
{
    public const int MaxPlaceName = 120;

    public static async Task<Results<Created<MilestoneView>, NotFound, ProblemHttpResult, ValidationProblem>> Schedule(Guid caseId,
        MilestoneRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.Kind, "kind")
            .OptionalEnum<MilestoneKind>(request.Kind, "kind", out var kind)
            .Required(request.At, "at")
            .Must(request.Place is not null, "place", "This field is required.")
            .OptionalLanguageTag(request.Needs?.InterpreterLanguage, "needs.interpreterLanguage");
        var place = ValidatePlace(request.Place, errors);
        if (errors.Any) return errors.ToProblem();

        var now = clock.GetUtcNow();
        var caller = http.Caller();
        var needs = new MilestoneNeeds(request.Needs?.Accompaniment ?? false, request.Needs?.InterpreterLanguage, request.Needs?.Transport ?? false);
        var command = new ScheduleMilestone(Guid.CreateVersion7(), kind!.Value, request.At!.Value, place!.Value, request.Place!.Name, needs,
            caller.AgencyId, now);
        var write = await http.ChangePlanAsync(session, caseId, plan => PlanMilestones.Decide(plan, command), ct,
            (c, access, _) => c.MaySchedule(access, command.Kind, now));
        return write.ToHttpResult(http.Response, () => TypedResults.Created($"/api/plans/cases/{caseId}/milestones/{command.MilestoneId}",
            new MilestoneView(command.MilestoneId, command.Kind, command.At, command.Place, command.PlaceName, needs, MilestoneStatus.Scheduled,
                caller.AgencyId)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Reschedule(Guid caseId, Guid milestoneId,
        RescheduleRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.At, "at").Must(request.Place is not null, "place", "This field is required.");
        var place = ValidatePlace(request.Place, errors);
        if (errors.Any) return errors.ToProblem();

        var now = clock.GetUtcNow();
        var command = new RescheduleMilestone(milestoneId, request.At!.Value, place!.Value, request.Place!.Name, http.Caller().AgencyId, now);
        var write = await http.ChangePlanAsync(session, caseId, plan => PlanMilestones.Decide(plan, command), ct,
            (c, access, plan) => plan.Milestone(milestoneId) is { } m && c.MaySchedule(access, m.Kind, now));
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Complete(Guid caseId, Guid milestoneId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new CompleteMilestone(milestoneId, clock.GetUtcNow());
        return (await LeadChangeAsync(http, session, caseId, milestoneId, plan => PlanMilestones.Decide(plan, command), ct)).ToHttpResult(http.Response);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Miss(Guid caseId, Guid milestoneId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new MissMilestone(milestoneId, clock.GetUtcNow());
        return (await LeadChangeAsync(http, session, caseId, milestoneId, plan => PlanMilestones.Decide(plan, command), ct)).ToHttpResult(http.Response);
    }

    /// <summary>The milestones the caller may see: each needs its own category (a court date legal, an appointment medical).</summary>
    public static async Task<Results<Ok<IReadOnlyList<MilestoneView>>, NotFound>> List(Guid caseId, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return TypedResults.NotFound();
        var visible = access.VisibleTo(caller, clock.GetUtcNow());
        var plan = await session.LoadAsync<Plan>(caseId, ct);
        var shown = plan?.Milestones.Where(m => visible.Contains(MilestoneCategories.Of(m.Kind))).ToList() ?? [];
        await http.RecordReadAsync(caseId, "milestones", shown.Select(m => MilestoneCategories.Of(m.Kind)).Distinct(),
            visible.Count > 0 ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        if (plan is null || visible.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<MilestoneView>>(shown.OrderBy(m => m.At).Select(MilestoneView.Of).ToList());
    }

    private static Task<StreamWrite> LeadChangeAsync(HttpContext http, IDocumentSession session, Guid caseId, Guid milestoneId,
        Func<Plan, IReadOnlyList<object>> decide, CancellationToken ct) =>
        http.ChangePlanAsync(session, caseId, decide, ct, (c, access, plan) => access.MayBeChangedBy(c) && plan.Milestone(milestoneId) is not null);

    private static PlaceKind? ValidatePlace(PlaceRequest? place, FieldErrors errors)
    {
        if (place is null) return null;
        errors.Required(place.Kind, "place.kind").OptionalEnum<PlaceKind>(place.Kind, "place.kind", out var kind);
        var name = place.Name;
        errors.Must(kind is not PlaceKind.Confidential || name is null, "place.name",
                "A confidential place (a shelter) is recorded without a name or address.")
            .Must(name is null || name.Length <= MaxPlaceName, "place.name", $"At most {MaxPlaceName} characters.")
            .Must(name is null || !name.Contains("shelter", StringComparison.OrdinalIgnoreCase), "place.name",
                "A shelter's whereabouts are never recorded in the plan: use place kind confidential.");
        return kind;
    }
}
