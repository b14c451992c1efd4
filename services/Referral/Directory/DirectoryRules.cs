using Marten;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.Referral.Directory;

/// <summary>Who keeps an organization's entry: administrators, and the organization's own agency.</summary>
public static class DirectoryRules
{
    public static bool Maintains(this Caller caller, Organization organization) =>
        caller.IsAdministrator || string.Equals(caller.AgencyId, organization.AgencyId, StringComparison.Ordinal);

    /// <summary>How every directory endpoint changes an organization: by its maintainers (others: 404), at the If-Match version.</summary>
    public static Task<StreamWrite> ChangeOrganizationAsync(this HttpContext http, IDocumentSession session, Guid organizationId,
        Func<Organization, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var caller = http.Caller();
        return session.DecideAsync<Organization>(organizationId, http.Request.ExpectedVersion(), caller.Maintains, decide, ct);
    }

    /// <summary>The organization that lists a service, found by the service's id.</summary>
    public static async Task<Organization?> FindProviderOfAsync(this IQuerySession session, Guid serviceId, CancellationToken ct)
    {
        var found = await session.QueryAsync<Organization>("where data -> 'services' @> ?::jsonb", ct,
            $"[{{\"id\":\"{serviceId}\"}}]");
        return found.FirstOrDefault();
    }
}
