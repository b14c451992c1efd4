using System.Security.Claims;
using Platform.ServiceDefaults;

namespace Platform.Console.Auth;

/// <summary>The signed-in person as the pages need them: agency, role, user id.</summary>
public sealed record Person(string AgencyId, string Role, string UserId)
{
    public static Person? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(Caller.AgencyClaim)?.Value is { } agency
            ? new Person(agency, user.FindFirst(Caller.RoleClaim)?.Value ?? "", user.FindFirst(Caller.SubjectClaim)?.Value ?? "")
            : null;

    /// <summary>Case managers and supervisors run the cases their agency leads.</summary>
    public bool DoesCaseWork => Role is PlatformRoles.CaseManager or PlatformRoles.Supervisor;

    public bool IsAdministrator => Role == PlatformRoles.Administrator;
}
