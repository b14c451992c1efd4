using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventSourcing.Http;

namespace Platform.Referral.Directory.Reading;

public static class ReadDirectoryEndpoints
{
    public static async Task<Results<Ok<OrganizationView>, NotFound>> Get(Guid organizationId, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        var found = await session.LoadAsync<Organization>(organizationId, ct);
        if (found is null) return TypedResults.NotFound();
        http.Response.SetETag(found.Version);
        return TypedResults.Ok(OrganizationView.Of(found));
    }

    public static async Task<Ok<IReadOnlyList<OrganizationView>>> List(IQuerySession session, CancellationToken ct)
    {
        var all = await session.Query<Organization>().OrderBy(o => o.Name).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<OrganizationView>>(all.Select(OrganizationView.Of).ToList());
    }
}
