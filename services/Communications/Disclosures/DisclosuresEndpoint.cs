using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Communications.Ledger;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Communications.Disclosures;

/// <summary>One disclosure of a case: an event delivered to an agency, or a read of case data in any service.</summary>
public sealed record DisclosureView(DateTimeOffset At, string Kind, string AgencyId, string UserId, string What, string Outcome);

public static class DisclosuresEndpoint
{
    /// <summary>Every delivery and every read of the case's data, in time order (lead agency and administrators).</summary>
    public static async Task<Results<Ok<IReadOnlyList<DisclosureView>>, NotFound>> Handle(Guid caseId, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null || !(access.IsLead(caller) || caller.IsAdministrator)) return TypedResults.NotFound();

        var deliveries = await session.Query<DisclosureRecord>().Where(d => d.CaseId == caseId).ToListAsync(ct);
        var readType = LedgerNames.TypeOf(typeof(CaseDataRead));
        var reads = await session.Query<LedgerEntry>().Where(e => e.CaseId == caseId && e.Type == readType).ToListAsync(ct);

        IReadOnlyList<DisclosureView> views = deliveries
            .Select(d => new DisclosureView(d.At, $"delivery:{d.Channel}", d.AgencyId, d.UserId, d.EventType, "delivered"))
            .Concat(reads.Select(r =>
            {
                var read = r.Data.Deserialize<CaseDataRead>(PlatformJson.Options)!;
                return new DisclosureView(read.OccurredAt, $"read:{r.Service}", read.Actor.AgencyId, read.Actor.UserId,
                    $"{read.Resource} [{string.Join(", ", read.Categories)}]", read.Outcome.ToString());
            }))
            .OrderBy(v => v.At)
            .ToList();
        return TypedResults.Ok(views);
    }
}
