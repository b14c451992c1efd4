using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;
using Platform.Intake.Cases.Reading;

namespace Platform.Intake.Cases.Opening;

/// <summary>
/// The body of <c>POST /api/intake/cases</c>. Everything but <c>label</c> is required; nothing here identifies the client.
/// <c>label</c> is the lead agency's own reference for the case in its lists (never the client's name), seen by the lead only.
/// </summary>
public sealed record OpenCaseRequest(
    ReferralSource? ReferralSource,
    ClientCategory? ClientCategory,
    AgeGroup? AgeGroup,
    TraffickingType? TraffickingType,
    string? PreferredLanguage,
    bool? InterpreterNeeded,
    string? Label = null);

public static class OpenCaseEndpoint
{
    public const int MaxLabelLength = 60;

    public static async Task<Results<Created<CaseView>, ValidationProblem>> Handle(
        OpenCaseRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.ReferralSource, "referralSource")
            .Required(request.ClientCategory, "clientCategory")
            .Required(request.AgeGroup, "ageGroup")
            .Required(request.TraffickingType, "traffickingType")
            .LanguageTag(request.PreferredLanguage, "preferredLanguage")
            .Required(request.InterpreterNeeded, "interpreterNeeded")
            .Must(request.Label is null || request.Label.Trim().Length is > 0 and <= MaxLabelLength, "label",
                $"Between 1 and {MaxLabelLength} characters, or leave it out.");
        if (errors.Any) return errors.ToProblem();

        var command = new OpenCase(Guid.CreateVersion7(), http.Caller().AgencyId, request.ReferralSource!.Value,
            request.ClientCategory!.Value, request.AgeGroup!.Value, request.TraffickingType!.Value,
            request.PreferredLanguage!, request.InterpreterNeeded!.Value, clock.GetUtcNow(), request.Label?.Trim());
        var opened = CaseOpening.Decide(command);

        session.Events.StartStream<Case>(command.CaseId, opened);
        await session.SaveChangesAsync(ct);

        var view = CaseView.Of(Case.Create(opened) with { Version = 1 }, Enum.GetValues<InformationCategory>().ToHashSet(), lead: true);
        http.Response.SetETag(view.Version);
        return TypedResults.Created($"/api/intake/cases/{command.CaseId}", view);
    }
}
