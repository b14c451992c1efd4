using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Eligibility.Programs;
using Platform.EventSourcing;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Extending;

public sealed record ExtendWindow(Guid WindowId, int Days, DateTimeOffset Now);

public sealed record ExtensionRequest(Guid? WindowId, int? Days);

/// <summary>An extension moves a window's end within its program's rule (the rule the window was opened under) and re-arms its alerts.</summary>
public static class Extensions
{
    public static IReadOnlyList<object> Decide(EligibilityRecord record, ExtendWindow c)
    {
        var window = record.Window(c.WindowId) ?? throw new CommandRejectedException("No such window in this record.");
        var today = Window.DayOf(c.Now);
        if (window.ClosedOn is not null) throw new CommandRejectedException($"The {window.Rule.Id} window was closed on {window.ClosedOn:yyyy-MM-dd}.");
        if (window.EndsOn < today) throw new CommandRejectedException($"The {window.Rule.Id} window ended on {window.EndsOn:yyyy-MM-dd}; it can no longer be extended.");
        if (window.Rule.Extension is not { } rule) throw new CommandRejectedException($"The program {window.Rule.Id} cannot be extended.");
        if (window.Extensions >= rule.MaxTimes)
            throw new CommandRejectedException($"The program {window.Rule.Id} allows {rule.MaxTimes} extension(s); this window has had {window.Extensions}.");
        if (c.Days > rule.MaxDays) throw new CommandRejectedException($"The program {window.Rule.Id} allows an extension of at most {rule.MaxDays} days.");
        return [new ExtensionGranted(window.Id, window.Rule.Id, c.Days, window.EndsOn.AddDays(c.Days), c.Now)];
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId, ExtensionRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.WindowId, "windowId")
            .Required(request.Days, "days")
            .Must(request.Days is null or > 0 and <= 366, "days", "From 1 to 366 days.");
        if (errors.Any) return errors.ToProblem();

        var command = new ExtendWindow(request.WindowId!.Value, request.Days!.Value, clock.GetUtcNow());
        return (await http.ChangeRecordAsync(session, caseId, record => Decide(record, command), ct)).ToHttpResult(http.Response);
    }
}
