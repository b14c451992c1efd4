using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases.Identity;

public sealed record IdentityRequest(
    IReadOnlyList<string>? Names,
    IReadOnlyList<string>? Aliases,
    DateOnly? DateOfBirth,
    string? Phone,
    string? Email,
    string? Address);

/// <summary>The identity vault's API. Nothing here is logged; the events say only that the identity changed.</summary>
public static class IdentityEndpoints
{
    private const int MaxField = 200;
    private const string Resource = "identity";

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Put(Guid caseId,
        IdentityRequest request, HttpContext http, IDocumentSession session, IdentityVault vault, TimeProvider clock, CancellationToken ct)
    {
        var names = request.Names ?? [];
        string?[] single = [request.Phone, request.Email, request.Address];
        var errors = new FieldErrors()
            .Must(names.Count > 0 && names.All(n => !string.IsNullOrWhiteSpace(n)), "names", "At least one name.")
            .Must(names.Concat(request.Aliases ?? []).All(n => n.Length <= MaxField), "names", $"At most {MaxField} characters each.")
            .Must(single.All(v => v is null || v.Length <= MaxField), "contact", $"At most {MaxField} characters each.");
        if (errors.Any) return errors.ToProblem();

        var now = clock.GetUtcNow();
        var caller = http.Caller();
        var found = await session.LoadAsync<Case>(caseId, ct);
        if (found is null || !caller.IsLead(found)) return TypedResults.NotFound();
        if (found.IdentityErasedAt is not null)
            throw new CommandRejectedException("The identity of this case was erased; it is not recorded again.");

        await vault.SealAsync(session, caseId, new ClientIdentity(names, request.Aliases, request.DateOfBirth, request.Phone,
            request.Email, request.Address), ct);
        var write = await http.ChangeCaseAsync(session, caseId, state => state.IdentityErasedAt is null ? [new IdentityRecorded(now)] : [], ct);
        return write.ToHttpResult(http.Response);
    }

    public static async Task<Results<Ok<ClientIdentity>, NotFound, ProblemHttpResult>> Get(Guid caseId, HttpContext http,
        IQuerySession session, IdentityVault vault, TimeProvider clock, CancellationToken ct)
    {
        var found = await session.LoadAsync<Case>(caseId, ct);
        if (found is null || !found.Access.MaySee(http.Caller(), InformationCategory.Identity, clock.GetUtcNow()))
        {
            await http.RecordReadAsync(caseId, Resource, [InformationCategory.Identity], ReadOutcome.Refused, clock);
            return TypedResults.NotFound();
        }
        if (found.IdentityErasedAt is { } erasedAt)
        {
            await http.RecordReadAsync(caseId, Resource, [InformationCategory.Identity], ReadOutcome.Erased, clock);
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Identity erased",
                detail: $"The client's identity was erased on {erasedAt:u}; the case history records by whom.");
        }
        var identity = await vault.OpenAsync(session, caseId, ct);
        await http.RecordReadAsync(caseId, Resource, [InformationCategory.Identity], identity is null ? ReadOutcome.Refused : ReadOutcome.Shown, clock);
        return identity is null ? TypedResults.NotFound() : TypedResults.Ok(identity);
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Delete(Guid caseId,
        HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IdentityVault.Erase(session, caseId);
        var write = await http.ChangeCaseAsync(session, caseId, state => state.IdentityErasedAt is null ? [new IdentityErased(now)] : [], ct);
        // Commits the erasure when the decision had nothing to append (already erased); never for a refused caller.
        if (write.Outcome == StreamWriteOutcome.Written) await session.SaveChangesAsync(ct);
        return write.ToHttpResult(http.Response);
    }
}
