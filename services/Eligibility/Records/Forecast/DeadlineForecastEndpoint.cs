using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.Contracts.Eligibility;
using Platform.EventSourcing.Access;
using Platform.Eligibility.Programs;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Forecast;

public sealed record DeadlineView(Guid CaseId, Guid WindowId, string ProgramId, string ProgramName, DateOnly EndsOn, int DaysLeft, WindowStatus Status,
    bool Extendable, bool Renewable);

public sealed record DeadlinesView(int WithinDays, IReadOnlyList<DeadlineView> Deadlines);

/// <summary>
/// The case manager's week at a glance: the windows that end within <c>withinDays</c> across the caller agency's cases (those it leads, and
/// team cases whose eligibility category it may see), soonest first. Each case shown is recorded as read.
/// </summary>
public static class DeadlineForecastEndpoint
{
    public const int DefaultDays = 30;

    public static async Task<Results<Ok<DeadlinesView>, ValidationProblem>> Handle(string? withinDays, HttpContext http, IQuerySession session,
        TimeProvider clock, ProgramCatalog programs, CancellationToken ct)
    {
        int days = DefaultDays;
        var limit = LongestHorizonDays(programs.Current());
        var errors = new FieldErrors().Must(withinDays is null || (int.TryParse(withinDays, out days) && days >= 0 && days <= limit), "withinDays",
            $"A number of days from 0 to {limit}: the longest configured window plus its renewal and extensions.");
        if (errors.Any) return errors.ToProblem();

        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var today = Window.DayOf(now);
        var horizon = today.AddDays(days);
        var agency = caller.AgencyId;
        var cases = (await session.Query<CaseAccess>().Where(a => a.LeadAgencyId == agency || a.Team.Contains(agency)).ToListAsync(ct))
            .Where(a => a.MaySee(caller, InformationCategory.Eligibility, now))
            .Select(a => a.Id)
            .ToList();
        var records = cases.Count == 0 ? [] : await session.LoadManyAsync<EligibilityRecord>(ct, cases);
        var deadlines = records
            .SelectMany(r => r.Windows.Where(w => w.StatusOn(today) is WindowStatus.Active or WindowStatus.Planned && w.EndsOn <= horizon)
                .Select(w => new DeadlineView(r.Id, w.Id, w.Rule.Id, w.Rule.Name, w.EndsOn, w.DaysLeft(today), w.StatusOn(today),
                    w.Rule.Extension is { } x && w.Extensions < x.MaxTimes, w.Rule.RenewalNoticeDays is not null)))
            .OrderBy(d => d.EndsOn).ThenBy(d => d.CaseId)
            .ToList();

        var log = http.RequestServices.GetRequiredService<IDocumentSession>();
        foreach (var caseId in deadlines.Select(d => d.CaseId).Distinct())
            log.Events.StartStream(Guid.CreateVersion7(),
                new CaseDataAccessed(caseId, "eligibility-deadlines", [InformationCategory.Eligibility], ReadOutcome.Shown, now));
        await log.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Ok(new DeadlinesView(days, deadlines));
    }

    /// <summary>No window opened today can end beyond the longest reach of any program in force, so no horizon needs to.</summary>
    public static int LongestHorizonDays(IReadOnlyList<ProgramRule> programs) =>
        programs.Count == 0 ? DefaultDays : programs.Max(p => p.LongestReachDays);
}
