using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Assigning;

/// <summary>
/// One case manager's load as a supervisor sees it: the study's burnout warning made visible. After-hours means
/// outside 08:00-18:00 on weekdays, in UTC (a per-agency time zone is still to come).
/// </summary>
public sealed record CaseloadView(string CaseManagerId, int OpenCases, int CaseloadLimit, int OpenCrises,
    int CrisesLast30Days, int AfterHoursCrisesLast30Days);

public static class CaseloadsEndpoint
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static async Task<Ok<IReadOnlyList<CaseloadView>>> Handle(HttpContext http, IQuerySession session, TimeProvider clock,
        CaseloadOptions caseloads, CancellationToken ct)
    {
        var agency = http.Caller().AgencyId;
        var since = clock.GetUtcNow() - Window;
        var cases = await session.Query<Case>()
            .Where(c => c.LeadAgencyId == agency && c.Status == CaseStatus.Open && c.CaseManagerId != null)
            .ToListAsync(ct);
        IReadOnlyList<CaseloadView> views = cases
            .GroupBy(c => c.CaseManagerId!)
            .Select(g =>
            {
                var recent = g.SelectMany(c => c.Crises).Where(c => c.ReportedAt >= since).ToList();
                return new CaseloadView(g.Key, g.Count(), caseloads.Limit, g.Sum(c => c.Crises.Count(x => x.IsOpen)),
                    recent.Count, recent.Count(c => IsAfterHours(c.ReportedAt)));
            })
            .OrderByDescending(v => v.OpenCases)
            .ToList();
        return TypedResults.Ok(views);
    }

    private static bool IsAfterHours(DateTimeOffset at) =>
        at.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || at.UtcDateTime.Hour is < 8 or >= 18;
}
