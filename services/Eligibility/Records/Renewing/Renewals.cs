using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Renewing;

public sealed record RenewWindow(Guid WindowId, DateTimeOffset Now);

public sealed record RenewalRequest(Guid? WindowId);

/// <summary>
/// A renewable benefit renewed for one more period of its program's length: from the day after its end, or from today when it already
/// lapsed. Its alerts (renewal notice, thresholds, expiry) are owed again for the new end.
/// </summary>
public static class Renewals
{
    public static IReadOnlyList<object> Decide(EligibilityRecord record, RenewWindow c)
    {
        var window = record.Window(c.WindowId) ?? throw new CommandRejectedException("No such window in this record.");
        if (window.Rule.RenewalNoticeDays is null) throw new CommandRejectedException($"The program {window.Rule.Id} is not renewed; extend it if its rule allows.");
        if (window.ClosedOn is not null) throw new CommandRejectedException($"The {window.Rule.Id} window was closed on {window.ClosedOn:yyyy-MM-dd}.");
        var today = Window.DayOf(c.Now);
        var from = window.EndsOn >= today ? window.EndsOn.AddDays(1) : today;
        return [new EligibilityRenewed(window.Id, window.Rule.Id, window.Rule.EndFor(from), c.Now)];
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId, RenewalRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.WindowId, "windowId");
        if (errors.Any) return errors.ToProblem();

        var command = new RenewWindow(request.WindowId!.Value, clock.GetUtcNow());
        return (await http.ChangeRecordAsync(session, caseId, record => Decide(record, command), ct)).ToHttpResult(http.Response);
    }
}
