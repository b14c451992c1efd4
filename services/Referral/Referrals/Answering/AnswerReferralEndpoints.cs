using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Referral;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Answering;

public sealed record RejectReferralRequest(RejectionReason? Reason);

public static class AnswerReferralEndpoints
{
    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Accept(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new AcceptReferral(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralAnswering.Decide(s, command), ct);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Reject(Guid referralId,
        RejectReferralRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Reason, "reason");
        if (errors.Any) return errors.ToProblem();
        var command = new RejectReferral(http.Caller().AgencyId, request.Reason!.Value, clock.GetUtcNow());
        return await http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Receiving, s => ReferralAnswering.Decide(s, command), ct);
    }
}
