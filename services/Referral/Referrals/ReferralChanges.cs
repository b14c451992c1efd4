using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals;

/// <summary>
/// How every referral endpoint changes a referral: 404 for whoever may not see it, 403 for a party acting for the
/// other side, then the one write path (If-Match, decision, append).
/// </summary>
public static class ReferralChanges
{
    public static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> ChangeReferralAsync(this HttpContext http,
        IDocumentSession session, TimeProvider clock, Guid referralId, ReferralSide side, Func<Referral, IReadOnlyList<object>> decide,
        CancellationToken ct) =>
        http.ChangeReferralAsync(session, clock, referralId, side, decide, TypedResults.NoContent, ct);

    public static async Task<Results<TWritten, NotFound, ProblemHttpResult, ValidationProblem>> ChangeReferralAsync<TWritten>(
        this HttpContext http, IDocumentSession session, TimeProvider clock, Guid referralId, ReferralSide side,
        Func<Referral, IReadOnlyList<object>> decide, Func<TWritten> written, CancellationToken ct) where TWritten : IResult
    {
        var caller = http.Caller();
        var found = await session.LoadAsync<Referral>(referralId, ct);
        if (found is null) return TypedResults.NotFound();
        var access = await session.LoadCaseAccessAsync(found.CaseId, ct);
        if (!found.MayBeSeenBy(caller, access, clock.GetUtcNow())) return TypedResults.NotFound();
        if (!found.IsOn(side, caller.AgencyId))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this agency's part of the referral",
                detail: side == ReferralSide.Requesting
                    ? "Only the requesting agency requests, cancels and marks a referral in error."
                    : "Only the receiving agency answers a referral, carries it through and records its services.");

        var write = await session.DecideAsync<Referral>(referralId, http.Request.ExpectedVersion(), _ => true, decide, ct);
        return write.ToHttpResult(http.Response, written);
    }
}
