using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Referral;
using Platform.Referral.Referrals.Reading;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Ledger;

/// <summary>The body of <c>POST /api/referrals/{id}/services</c>: what was delivered, on which day, how much.</summary>
public sealed record RecordServiceRequest(DateOnly? DeliveredOn, ServiceType? ServiceType, decimal? Units, ServiceUnit? Unit);

public static class ServiceLedgerEndpoints
{
    private const decimal MaxUnits = 1000;

    public static async Task<Results<Created<ServiceRecordView>, NotFound, ProblemHttpResult, ValidationProblem>> Record(Guid referralId,
        RecordServiceRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.DeliveredOn, "deliveredOn")
            .Required(request.ServiceType, "serviceType")
            .Required(request.Units, "units")
            .Must(request.Units is null or > 0 and <= MaxUnits, "units", $"More than 0 and at most {MaxUnits}.")
            .Required(request.Unit, "unit");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var command = new RecordDeliveredService(caller.AgencyId, Guid.CreateVersion7(), request.ServiceType!.Value, request.DeliveredOn!.Value,
            request.Units!.Value, request.Unit!.Value, clock.GetUtcNow());
        return await http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ServiceLedger.Decide(s, command),
            () => TypedResults.Created($"/api/referrals/{referralId}/services/{command.ServiceRecordId}",
                new ServiceRecordView(command.ServiceRecordId, caller.AgencyId, command.ServiceType, command.DeliveredOn, command.Units,
                    command.Unit, command.Now, EnteredInError: false)), ct);
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> EnteredInError(Guid referralId,
        Guid serviceRecordId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new MarkServiceEnteredInError(http.Caller().AgencyId, serviceRecordId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ServiceLedger.Decide(s, command), ct);
    }
}
