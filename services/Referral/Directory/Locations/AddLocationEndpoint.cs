using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Referral.Directory.Locations;

/// <summary>
/// A place of the organization. The address is kept for the organization's own records and never returned by any
/// endpoint; <c>confidential</c> (the default) hides the place entirely.
/// </summary>
public sealed record AddLocationRequest(LocationKind? Kind, string? Address, string? City, string? Region, bool? Confidential);

/// <summary>What the caller gets back: the id and whether the place is shown, never the address.</summary>
public sealed record LocationAddedView(Guid Id, LocationKind Kind, bool Confidential);

public static class AddLocationEndpoint
{
    private const int MaxLength = 200;

    public static async Task<Results<Created<LocationAddedView>, NotFound, ProblemHttpResult, ValidationProblem>> Handle(Guid organizationId,
        AddLocationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required(request.Kind, "kind")
            .Required(request.City, "city")
            .Required(request.Region, "region")
            .Must(request.Address is null || request.Address.Length <= MaxLength, "address", $"At most {MaxLength} characters.")
            .Must(request.City is null || request.City.Length <= MaxLength, "city", $"At most {MaxLength} characters.")
            .Must(request.Region is null || request.Region.Length <= MaxLength, "region", $"At most {MaxLength} characters.");
        if (errors.Any) return errors.ToProblem();

        var command = new AddLocation(Guid.CreateVersion7(), request.Kind!.Value, request.Address, request.City!, request.Region!,
            request.Confidential ?? true, clock.GetUtcNow());
        var added = (LocationAdded?)null;
        var write = await http.ChangeOrganizationAsync(session, organizationId, state =>
        {
            var events = OrganizationLocations.Decide(state, command);
            added = (LocationAdded)events[0];
            return events;
        }, ct);
        return write.ToHttpResult(http.Response, () => TypedResults.Created(
            $"/api/providers/organizations/{organizationId}", new LocationAddedView(command.LocationId, command.Kind, added!.Confidential)));
    }
}
