using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Consents;

/// <summary>The body of a consent: to whom, what, until when, given by whom, and the signed release it rests on.</summary>
public sealed record GrantConsentRequest(
    string? AgencyId,
    IReadOnlyList<InformationCategory>? Categories,
    DateTimeOffset? ExpiresAt,
    ConsentGiver? GivenBy,
    string? ReleaseReference);

public sealed record ConsentView(Guid Id, string AgencyId, IReadOnlyList<InformationCategory> Categories, DateTimeOffset ExpiresAt,
    ConsentGiver GivenBy, string ReleaseReference, DateTimeOffset GrantedAt)
{
    public static ConsentView Of(Consent c) => new(c.Id, c.AgencyId, c.Categories, c.ExpiresAt, c.GivenBy, c.ReleaseReference, c.GrantedAt);
}

public static class CaseConsentEndpoints
{
    private const int MaxReferenceLength = 128;

    public static async Task<Results<Created<ConsentView>, NotFound, ProblemHttpResult, ValidationProblem>> Grant(Guid caseId,
        GrantConsentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors()
            .AgencyId(request.AgencyId, "agencyId")
            .Must(request.Categories is { Count: > 0 }, "categories", "Name at least one information category.")
            .Required(request.ExpiresAt, "expiresAt")
            .Must(request.ExpiresAt is null || request.ExpiresAt > now, "expiresAt", "The expiry must be in the future.")
            .Required(request.GivenBy, "givenBy")
            .Required(request.ReleaseReference, "releaseReference")
            .Must(request.ReleaseReference is null || request.ReleaseReference.Length <= MaxReferenceLength, "releaseReference",
                $"At most {MaxReferenceLength} characters: the id of the signed release, not its content.");
        if (errors.Any) return errors.ToProblem();

        var command = new GrantConsent(Guid.CreateVersion7(), request.AgencyId!, request.Categories!, request.ExpiresAt!.Value,
            request.GivenBy!.Value, request.ReleaseReference!, now);
        session.Store(new ConsentDeadline(command.ConsentId, caseId, command.ExpiresAt));
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseConsents.Decide(state, command), ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created(
            $"/api/intake/cases/{caseId}/consents/{command.ConsentId}",
            new ConsentView(command.ConsentId, command.AgencyId, command.Categories.Distinct().ToList(), command.ExpiresAt,
                command.GivenBy, command.ReleaseReference, command.Now)));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Revoke(Guid caseId,
        Guid consentId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        session.Delete<ConsentDeadline>(consentId);
        var command = new RevokeConsent(consentId, clock.GetUtcNow());
        var write = await http.ChangeCaseAsync(session, caseId, state => CaseConsents.Decide(state, command), ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<Ok<IReadOnlyList<ConsentView>>, NotFound>> List(Guid caseId, HttpContext http,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var found = await session.LoadAsync<Case>(caseId, ct);
        var shown = found is not null && http.Caller().IsLead(found);
        await http.RecordReadAsync(caseId, "consents", shown ? [InformationCategory.ServicePlan] : [],
            shown ? ReadOutcome.Shown : ReadOutcome.Refused, clock);
        if (!shown) return TypedResults.NotFound();
        http.Response.SetETag(found!.Version);
        return TypedResults.Ok<IReadOnlyList<ConsentView>>(found.Consents.Select(ConsentView.Of).ToList());
    }
}
