using Platform.ServiceDefaults;

namespace Platform.Intake.Cases;

/// <summary>
/// Who may see and change a case. For now only the lead agency; the case team and consent widen reads later.
/// Everyone else is answered 404, whether or not the case exists.
/// </summary>
public static class CaseAccess
{
    public static bool IsLead(this Caller caller, Case c) => string.Equals(caller.AgencyId, c.LeadAgencyId, StringComparison.Ordinal);
}
