using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Referral.Referrals.Reading;

/// <summary>Reads of referrals; each read of a case's referrals, shown or refused, is on record.</summary>
public static class ReadReferralEndpoints
{
    private const string Resource = "referrals";
    private static readonly InformationCategory[] Referrals = [InformationCategory.Referrals];

    public static async Task<Results<Ok<ReferralView>, NotFound>> Get(Guid referralId, HttpContext http, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var found = await VisibleAsync(referralId, http, session, clock, ct);
        if (found is null) return TypedResults.NotFound();
        http.Response.SetETag(found.Version);
        return TypedResults.Ok(ReferralView.Of(found));
    }

    public static async Task<Results<Ok<IReadOnlyList<ServiceRecordView>>, NotFound>> Services(Guid referralId, HttpContext http,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var found = await VisibleAsync(referralId, http, session, clock, ct);
        if (found is null) return TypedResults.NotFound();
        http.Response.SetETag(found.Version);
        return TypedResults.Ok<IReadOnlyList<ServiceRecordView>>(found.Services.Select(ServiceRecordView.Of).ToList());
    }

    /// <summary>The referrals of a case, for whoever may see its referrals (lead, team with a referrals consent, administrator).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ReferralView>>, NotFound, ValidationProblem>> ListForCase(HttpContext http,
        IQuerySession session, TimeProvider clock, Guid? caseId = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required(caseId, "caseId");
        if (errors.Any) return errors.ToProblem();

        var access = await session.LoadCaseAccessAsync(caseId!.Value, ct);
        if (access?.MaySee(http.Caller(), InformationCategory.Referrals, clock.GetUtcNow()) != true)
        {
            await http.RecordReadAsync(caseId.Value, Resource, [], ReadOutcome.Refused, clock);
            return TypedResults.NotFound();
        }
        await http.RecordReadAsync(caseId.Value, Resource, Referrals, ReadOutcome.Shown, clock);
        var referrals = await session.Query<Referral>().Where(r => r.CaseId == caseId).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ReferralView>>(referrals.Select(ReferralView.Of).ToList());
    }

    /// <summary>The referrals addressed to the caller's agency, newest first, optionally in one state.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ReferralView>>, ValidationProblem>> Incoming(HttpContext http, IQuerySession session,
        TimeProvider clock, string? status = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors().OptionalEnum<ReferralStatus>(status, "status", out var wanted);
        if (errors.Any) return errors.ToProblem();

        var agency = http.Caller().AgencyId;
        var query = session.Query<Referral>().Where(r => r.ReceivingAgencyId == agency);
        if (wanted is { } state) query = query.Where(r => r.Status == state);
        var referrals = await query.OrderByDescending(r => r.RequestedAt).Take(500).ToListAsync(ct);
        foreach (var caseId in referrals.Select(r => r.CaseId).Distinct())
            await http.RecordReadAsync(caseId, Resource, Referrals, ReadOutcome.Shown, clock);
        return TypedResults.Ok<IReadOnlyList<ReferralView>>(referrals.Select(ReferralView.Of).ToList());
    }

    private static async Task<Referral?> VisibleAsync(Guid referralId, HttpContext http, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var found = await session.LoadAsync<Referral>(referralId, ct);
        var access = found is null ? null : await session.LoadCaseAccessAsync(found.CaseId, ct);
        var shown = found is not null && found.MayBeSeenBy(http.Caller(), access, clock.GetUtcNow());
        // A referral that does not exist names no case; there is nothing to record.
        if (found is not null) await http.RecordReadAsync(found.CaseId, Resource, shown ? Referrals : [], shown ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        return shown ? found : null;
    }
}
