using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Withdrawing;

public static class WithdrawReferralEndpoints
{
    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Cancel(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new CancelReferral(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Requesting, s => ReferralWithdrawal.Decide(s, command), ct);
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> EnteredInError(Guid referralId, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = new MarkReferralEnteredInError(http.Caller().AgencyId, clock.GetUtcNow());
        return http.ChangeReferralAsync(session, clock, referralId, ReferralSide.Requesting, s => ReferralWithdrawal.Decide(s, command), ct);
    }
}
