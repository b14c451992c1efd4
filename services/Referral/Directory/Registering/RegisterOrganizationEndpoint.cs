using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;
using Platform.Referral.Directory.Reading;
using Platform.ServiceDefaults;

namespace Platform.Referral.Directory.Registering;

/// <summary>The body of <c>POST /api/providers/organizations</c>; an administrator names the agency, a provider registers its own.</summary>
public sealed record RegisterOrganizationRequest(string? Name, string? AgencyId);

public static class RegisterOrganizationEndpoint
{
    public const int MaxNameLength = 200;

    public static async Task<Results<Created<OrganizationView>, ProblemHttpResult, ValidationProblem>> Handle(
        RegisterOrganizationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var agency = request.AgencyId ?? (caller.IsAdministrator ? null : caller.AgencyId);
        var errors = new FieldErrors()
            .Required(request.Name, "name")
            .Must(request.Name is null || request.Name.Length <= MaxNameLength, "name", $"At most {MaxNameLength} characters.")
            .AgencyId(agency, "agencyId");
        if (errors.Any) return errors.ToProblem();
        if (!caller.IsAdministrator && agency != caller.AgencyId)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your organization",
                detail: "A provider registers its own agency's organization; an administrator registers any.");
        if (await session.Query<Organization>().AnyAsync(o => o.AgencyId == agency, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already registered",
                detail: "This agency already has an organization in the directory; add services to it.");

        var registered = OrganizationRegistration.Decide(new RegisterOrganization(Guid.CreateVersion7(), agency!, request.Name!, clock.GetUtcNow()));
        session.Events.StartStream<Organization>(registered.OrganizationId, registered);
        await session.SaveChangesAsync(ct);

        var view = OrganizationView.Of(Organization.Create(registered) with { Version = 1 });
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/providers/organizations/{registered.OrganizationId}", view);
    }
}
