namespace Platform.ServiceDefaults;

/// <summary>The roles a caller's token may carry (claim <c>role</c>).</summary>
public static class PlatformRoles
{
    public const string CaseManager = "case-manager";
    public const string Supervisor = "supervisor";
    public const string Provider = "provider";
    public const string LawEnforcement = "law-enforcement";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [CaseManager, Supervisor, Provider, LawEnforcement, Administrator];
}

/// <summary>Authorization policy names shared by the gateway and the services.</summary>
public static class PlatformPolicies
{
    /// <summary>Any authenticated caller of a known agency with at least one platform role.</summary>
    public const string AnyRole = "any-role";

    /// <summary>Staff who run cases at the lead agency: case managers and their supervisors.</summary>
    public const string CaseWork = "case-work";

    public const string Supervision = "supervision";

    public const string Administration = "administration";
}
