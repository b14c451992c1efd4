using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Eligibility;
using Platform.Eligibility.Programs;
using Platform.Eligibility.Records.Reading;
using Platform.EventSourcing;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Enrolling;

/// <summary>Open a window of a program that opens by enrollment or by admission (a shelter stay), from <see cref="StartsOn"/>.</summary>
public sealed record EnrollInProgram(Guid WindowId, ProgramRule Rule, DateOnly StartsOn, IReadOnlyList<ProgramRule> Programs, DateTimeOffset Now);

public sealed record EnrollmentRequest(string? ProgramId, DateOnly? StartsOn);

public static class Enrollment
{
    public const int MaxDaysBack = 366;
    public const int MaxDaysAhead = 90;

    public static IReadOnlyList<object> Decide(EligibilityRecord record, EnrollInProgram c)
    {
        if (EligibilityRules.WhyNot(record, c.Rule, c.Programs) is { } why) throw new CommandRejectedException(why);
        if (c.Rule.OpensWith == WindowTrigger.Letter)
            throw new CommandRejectedException(
                $"The program {c.Rule.Id} opens with a letter ({string.Join(" or ", c.Rule.Letters.Select(PlatformJson.Name))}): record the letter.");
        if (record.Windows.FirstOrDefault(w => w.Rule.Id == c.Rule.Id && w.ClosedOn is null && w.EndsOn >= c.StartsOn) is { } open)
            throw new CommandRejectedException($"The client already has a {c.Rule.Id} window until {open.EndsOn:yyyy-MM-dd}; extend or renew it.");
        return [new EnrolledInProgram(c.WindowId, c.Rule, c.Rule.OpensWith, c.StartsOn, c.Rule.EndFor(c.StartsOn), null, c.Now)];
    }

    public static async Task<Results<Created<WindowView>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId,
        EnrollmentRequest request, HttpContext http, IDocumentSession session, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Window.DayOf(now);
        var programs = catalog.Current();
        var rule = programs.FirstOrDefault(p => p.Id == request.ProgramId);
        var errors = new FieldErrors()
            .Required(request.ProgramId, "programId")
            .Must(request.ProgramId is null || rule is not null, "programId", "Unknown program: see GET /api/eligibility/programs.")
            .Required(request.StartsOn, "startsOn")
            .Must(request.StartsOn is null || (request.StartsOn >= today.AddDays(-MaxDaysBack) && request.StartsOn <= today.AddDays(MaxDaysAhead)),
                "startsOn", $"A date from {MaxDaysBack} days ago to {MaxDaysAhead} days ahead.");
        if (errors.Any) return errors.ToProblem();

        var command = new EnrollInProgram(Guid.CreateVersion7(), rule!, request.StartsOn!.Value, programs, now);
        var write = await http.ChangeRecordAsync(session, caseId, record => Decide(record, command), ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created($"/api/eligibility/cases/{caseId}",
            WindowView.Of(new Window(command.WindowId, rule!, rule!.OpensWith, command.StartsOn, rule.EndFor(command.StartsOn), now), today)));
    }
}
