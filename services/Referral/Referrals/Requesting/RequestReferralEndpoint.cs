using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.Referral.Directory;
using Platform.Referral.Referrals.Reading;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Requesting;

/// <summary>The body of <c>POST /api/referrals</c>: which case, which directory service, the need and the language. No free text.</summary>
public sealed record RequestReferralRequest(Guid? CaseId, Guid? ServiceId, NeedDomain? Need, string? Language, bool? InterpreterNeeded);

public static class RequestReferralEndpoint
{
    public static async Task<Results<Created<ReferralView>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(RequestReferralRequest request,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.CaseId, "caseId")
            .Required(request.ServiceId, "serviceId")
            .Required(request.Need, "need")
            .LanguageTag(request.Language, "language")
            .Required(request.InterpreterNeeded, "interpreterNeeded");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var access = await session.LoadCaseAccessAsync(request.CaseId!.Value, ct);
        if (access?.MaySee(caller, InformationCategory.Referrals, now) != true)
            return TypedResults.NotFound();
        ClosedCase.MustBeOpen(access.Closed);
        var provider = await session.FindProviderOfAsync(request.ServiceId!.Value, ct);
        if (provider is null)
            return new FieldErrors().Add("serviceId", "No service with this id in the provider directory.").ToProblem();

        var requested = ReferralRequesting.Decide(new RequestReferral(Guid.CreateVersion7(), request.CaseId.Value, caller.AgencyId, provider,
            request.ServiceId.Value, request.Need!.Value, request.Language!, request.InterpreterNeeded!.Value, now));
        session.Events.StartStream<Referral>(requested.ReferralId, requested);
        await session.SaveChangesAsync(ct);

        http.Response.SetETag(1);
        return TypedResults.Created($"/api/referrals/{requested.ReferralId}", ReferralView.Of(Referral.Create(requested) with { Version = 1 }));
    }
}
