using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Referral;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Progressing;

public sealed record FailReferralRequest(FailureReason? Reason);

public static class ProgressReferralEndpoints
{
    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Start(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new StartReferral(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralProgress.Decide(s, command), ct);
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Hold(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new PutReferralOnHold(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralProgress.Decide(s, command), ct);
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Complete(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new CompleteReferral(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralProgress.Decide(s, command), ct);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Fail(Guid referralId,
        FailReferralRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Reason, "reason");
        if (errors.Any) return errors.ToProblem();
        var command = new FailReferral(http.Caller().AgencyId, request.Reason!.Value, clock.GetUtcNow());
        return await http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralProgress.Decide(s, command), ct);
    }
}
