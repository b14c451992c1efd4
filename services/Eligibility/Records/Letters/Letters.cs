using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Eligibility.Programs;
using Platform.EventSourcing;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Eligibility.Records.Letters;

public sealed record RecordLetter(Guid LetterId, LetterKind Kind, DateOnly Date, string Reference, IReadOnlyList<ProgramRule> Programs, DateTimeOffset Now);

public sealed record LetterRequest(string? Kind, DateOnly? Date, string? Reference);

public sealed record LetterRecorded(Guid Id, LetterKind Kind, DateOnly Date, IReadOnlyList<Guid> WindowsOpened);

/// <summary>
/// An HHS certification letter (adult), an interim assistance or an eligibility letter (minor). The letter opens the windows of the
/// programs configured to open with it, dated from the letter, and closes the windows those programs supersede (certification ends
/// pre-certification services and interim assistance) from that day.
/// </summary>
public static partial class Letters
{
    public const int MaxReference = 64;

    public static IReadOnlyList<object> Decide(EligibilityRecord record, RecordLetter c)
    {
        if (record.ClientCategory == ClientCategory.UsCitizenOrPermanentResident)
            throw new CommandRejectedException(
                $"Certification, interim assistance and eligibility letters are for foreign national victims. {EligibilityRules.PerCapitaForForeignNationalsOnly}");
        if (c.Kind == LetterKind.HhsCertification && record.AgeGroup == AgeGroup.Minor)
            throw new CommandRejectedException("A minor receives an interim assistance or an eligibility letter, not an HHS certification letter.");
        if (c.Kind != LetterKind.HhsCertification && record.AgeGroup == AgeGroup.Adult)
            throw new CommandRejectedException("An adult receives an HHS certification letter; interim assistance and eligibility letters are for minors.");
        if (record.Letters.Any(l => l.Kind == c.Kind && l.Reference == c.Reference))
            throw new CommandRejectedException("This letter is already on record.");

        var events = new List<object> { new CertificationRecorded(c.LetterId, c.Kind, c.Date, c.Reference, c.Now) };
        var certified = record.Apply((CertificationRecorded)events[0]);
        var opened = c.Programs.Where(p => p.OpensWithLetter(c.Kind) && EligibilityRules.WhyNot(certified, p, c.Programs) is null).ToList();
        var superseded = opened.SelectMany(p => p.Supersedes).ToHashSet();
        events.AddRange(record.Windows
            .Where(w => superseded.Contains(w.Rule.Id) && w.ClosedOn is null && w.EndsOn >= c.Date)
            .Select(w => new EligibilityWindowClosed(w.Id, w.Rule.Id, WindowClosedReason.Superseded, c.Date < w.StartsOn ? w.StartsOn : c.Date, c.Now)));
        events.AddRange(opened.Select(p => new EnrolledInProgram(EligibilityRules.DerivedId(c.LetterId, p.Id), p, WindowTrigger.Letter, c.Date,
            p.EndFor(c.Date), c.LetterId, c.Now)));
        return events;
    }

    public static async Task<Results<Created<LetterRecorded>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid caseId,
        LetterRequest request, HttpContext http, IDocumentSession session, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Window.DayOf(now);
        var errors = new FieldErrors()
            .Required(request.Kind, "kind")
            .OptionalEnum<LetterKind>(request.Kind, "kind", out var kind)
            .Required(request.Date, "date")
            .Must(request.Date is null || (request.Date <= today && request.Date >= today.AddYears(-2)), "date", "The letter's date: today or in the last two years.")
            .Required(request.Reference, "reference")
            .Must(request.Reference is null || ReferencePattern().IsMatch(request.Reference), "reference",
                $"The letter's number: 1 to {MaxReference} letters, digits, '.', '_', '/' or '-'.");
        if (errors.Any) return errors.ToProblem();

        var command = new RecordLetter(Guid.CreateVersion7(), kind!.Value, request.Date!.Value, request.Reference!, catalog.Current(), now);
        IReadOnlyList<Guid> opened = [];
        var write = await http.ChangeRecordAsync(session, caseId, record =>
        {
            var events = Decide(record, command);
            opened = events.OfType<EnrolledInProgram>().Select(e => e.WindowId).ToList();
            return events;
        }, ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created($"/api/eligibility/cases/{caseId}",
            new LetterRecorded(command.LetterId, command.Kind, command.Date, opened)));
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,64}$")]
    private static partial Regex ReferencePattern();
}
