using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Eligibility.Programs;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Reading;

public sealed record WindowView(Guid Id, string ProgramId, string ProgramName, bool PerCapita, WindowTrigger OpenedBy, DateOnly StartsOn, DateOnly EndsOn,
    int DaysLeft, WindowStatus Status, int Extensions, int ExtensionsLeft, DateOnly? ClosedOn, IReadOnlyList<int> WarningDays, DateTimeOffset? NextAlertAt)
{
    public static WindowView Of(Window w, DateOnly today) => new(w.Id, w.Rule.Id, w.Rule.Name, w.Rule.PerCapita, w.OpenedBy, w.StartsOn, w.EndsOn,
        Math.Max(0, w.DaysLeft(today)), w.StatusOn(today), w.Extensions, Math.Max(0, (w.Rule.Extension?.MaxTimes ?? 0) - w.Extensions), w.ClosedOn,
        w.Rule.WarningDays, w.NextDeadline);
}

public sealed record LetterView(Guid Id, LetterKind Kind, DateOnly Date, string Reference, DateTimeOffset RecordedAt);

public sealed record ClaimCounts(int Claimed, int NotReimbursable, int Voided);

/// <summary>
/// A client's clocks as an agency entitled to the eligibility category sees them: every window with its days left and status, the letters,
/// what the ledger made of the services delivered, the programs that apply, and (for a U.S. citizen or permanent resident) why per-capita
/// windows do not.
/// </summary>
public sealed record RecordView(Guid CaseId, long Version, ClientCategory ClientCategory, AgeGroup AgeGroup, IReadOnlyList<WindowView> Windows,
    IReadOnlyList<LetterView> Letters, ClaimCounts Claims, IReadOnlyList<string> ApplicablePrograms, IReadOnlyList<string> Notes);

public static class GetRecordEndpoint
{
    public static async Task<Results<Ok<RecordView>, NotFound>> Handle(Guid caseId, HttpContext http, IQuerySession session, ProgramCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var now = clock.GetUtcNow();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return TypedResults.NotFound();
        var allowed = access.MaySee(caller, InformationCategory.Eligibility, now);
        await http.RecordReadAsync(caseId, "eligibility", [InformationCategory.Eligibility], allowed ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        var record = allowed ? await session.LoadAsync<EligibilityRecord>(caseId, ct) : null;
        if (record is null) return TypedResults.NotFound();

        var today = Window.DayOf(now);
        var programs = catalog.Current();
        http.Response.SetETag(record.Version);
        return TypedResults.Ok(new RecordView(record.Id, record.Version, record.ClientCategory, record.AgeGroup,
            record.Windows.OrderBy(w => w.EndsOn).Select(w => WindowView.Of(w, today)).ToList(),
            record.Letters.Select(l => new LetterView(l.Id, l.Kind, l.Date, l.Reference, l.RecordedAt)).ToList(),
            new ClaimCounts(record.Deliveries.Count(d => d.ClaimedUnder is not null && !d.Voided), record.Deliveries.Count(d => d.ClaimedUnder is null),
                record.Deliveries.Count(d => d.Voided)),
            programs.Where(p => p.AppliesTo(record.ClientCategory, record.AgeGroup)).Select(p => p.Id).ToList(),
            record.ClientCategory == ClientCategory.UsCitizenOrPermanentResident ? [EligibilityRules.PerCapitaForForeignNationalsOnly] : []));
    }
}
