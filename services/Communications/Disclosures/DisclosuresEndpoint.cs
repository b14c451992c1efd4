using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Disclosures;

/// <summary>
/// One disclosure of a case as the log shows it: when, how (<c>delivery:webhook|feed|stream</c> or <c>read</c>), to which
/// agency and user, what (event type or resource), which categories, the outcome, and its link in the hash chain
/// (position and hash are null for the moment between the disclosure and its sealing).
/// </summary>
public sealed record DisclosureView(DateTimeOffset At, string Kind, string AgencyId, string UserId, string What,
    IReadOnlyList<InformationCategory> Categories, string Outcome, long? Position, string? PreviousHash, string? Hash);

public static class DisclosuresEndpoint
{
    /// <summary>Every delivery and every read of the case's data, in time order (lead agency and administrators).</summary>
    public static async Task<Results<Ok<IReadOnlyList<DisclosureView>>, NotFound>> Handle(Guid caseId, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null || !(access.IsLead(caller) || caller.IsAdministrator)) return TypedResults.NotFound();

        var records = await session.Query<DisclosureRecord>().Where(d => d.CaseId == caseId).OrderBy(d => d.At).ToListAsync(ct);
        IReadOnlyList<DisclosureView> views = records
            .Select(d => new DisclosureView(d.At, d.Kind, d.AgencyId, d.UserId, d.What, d.Categories, d.Outcome, d.Position, d.PreviousHash, d.Hash))
            .ToList();
        return TypedResults.Ok(views);
    }
}
