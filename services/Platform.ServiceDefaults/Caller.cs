using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>The authenticated caller as the platform sees it: an agency, an opaque user id and roles.</summary>
public sealed record Caller(string AgencyId, string UserId, IReadOnlySet<string> Roles)
{
    public const string AgencyClaim = "agency";
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    public bool IsAdministrator => Roles.Contains(PlatformRoles.Administrator);

    /// <summary>A case manager or supervisor: who works a case with the client (the case-work policy's roles).</summary>
    public bool IsCaseWorker => Roles.Contains(PlatformRoles.CaseManager) || Roles.Contains(PlatformRoles.Supervisor);

    public static Caller From(ClaimsPrincipal user) =>
        new(
            user.FindFirstValue(AgencyClaim) ?? throw new InvalidOperationException("The caller has no agency claim."),
            user.FindFirstValue(SubjectClaim) ?? "unknown",
            user.FindAll(RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => ServiceDefaults.Caller.From(context.User);
}
