using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Referral;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Claims;

public sealed record ClaimsView(string Month, string AgencyId, int Count, IReadOnlyList<UnitTotal> Totals, IReadOnlyList<ClaimLineView> Lines);

public sealed record UnitTotal(ServiceUnit Unit, decimal Units);

public sealed record ClaimLineView(Guid CaseId, Guid ServiceRecordId, DateOnly DeliveredOn, ServiceType ServiceType, decimal Units, ServiceUnit Unit,
    string ProgramId, string ProgramName, string ProviderAgencyId, string LeadAgencyId)
{
    public static ClaimLineView Of(ClaimLine l) =>
        new(l.CaseId, l.Id, l.DeliveredOn, l.ServiceType, l.Units, l.Unit, l.ProgramId, l.ProgramName, l.ProviderAgencyId, l.LeadAgencyId);
}

public sealed record ClaimsSummary(string Month, int Claimed, int Voided, IReadOnlyList<ClaimsFigure> Figures);

/// <summary>Counts and units per program and service type: no case, no agency, no client-level data.</summary>
public sealed record ClaimsFigure(string ProgramId, ServiceType ServiceType, ServiceUnit Unit, int Count, decimal Units);

/// <summary>
/// The month's claims of the caller's agency (as the provider that delivered, or as the lead agency of the case), as JSON or, with
/// <c>Accept: text/csv</c>, as the CSV of the reimbursement request; and aggregate figures for administrators.
/// </summary>
public static class ClaimsEndpoints
{
    public static async Task<Results<Ok<ClaimsView>, ContentHttpResult, ValidationProblem>> List(string? month, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        var errors = ValidateMonth(month);
        if (errors.Any) return errors.ToProblem();

        var agency = http.Caller().AgencyId;
        var lines = await session.Query<ClaimLine>()
            .Where(l => l.Month == month && !l.Voided && (l.ProviderAgencyId == agency || l.LeadAgencyId == agency))
            .OrderBy(l => l.DeliveredOn).ThenBy(l => l.Id)
            .ToListAsync(ct);
        if (http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"claims-{month}.csv\"";
            return TypedResults.Text(ClaimsCsv.Write(lines), "text/csv; charset=utf-8");
        }
        return TypedResults.Ok(new ClaimsView(month!, agency, lines.Count,
            lines.GroupBy(l => l.Unit).OrderBy(g => g.Key).Select(g => new UnitTotal(g.Key, g.Sum(l => l.Units))).ToList(),
            lines.Select(ClaimLineView.Of).ToList()));
    }

    public static async Task<Results<Ok<ClaimsSummary>, ValidationProblem>> Summary(string? month, IQuerySession session, CancellationToken ct)
    {
        var errors = ValidateMonth(month);
        if (errors.Any) return errors.ToProblem();

        var lines = await session.Query<ClaimLine>().Where(l => l.Month == month).ToListAsync(ct);
        var claimed = lines.Where(l => !l.Voided).ToList();
        return TypedResults.Ok(new ClaimsSummary(month!, claimed.Count, lines.Count - claimed.Count,
            claimed.GroupBy(l => (l.ProgramId, l.ServiceType, l.Unit)).OrderBy(g => g.Key.ProgramId).ThenBy(g => g.Key.ServiceType).ThenBy(g => g.Key.Unit)
                .Select(g => new ClaimsFigure(g.Key.ProgramId, g.Key.ServiceType, g.Key.Unit, g.Count(), g.Sum(l => l.Units))).ToList()));
    }

    private static FieldErrors ValidateMonth(string? month) => new FieldErrors()
        .Required(month, "month")
        .Must(month is null || DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "month",
            "A month as YYYY-MM, e.g. 2026-11.");
}
