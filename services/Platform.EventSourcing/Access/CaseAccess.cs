using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing.Access;

/// <summary>One consent as the access model needs it: which agency, which categories, until when.</summary>
public sealed record ConsentGrant(Guid ConsentId, string AgencyId, IReadOnlyList<InformationCategory> Categories, DateTimeOffset ExpiresAt);

/// <summary>
/// Who may see what of one case, the same answer in every service: the lead agency sees all of it; an agency of the
/// case team sees the categories of its unexpired consents; an administrator audits everything but identity;
/// anyone else sees nothing (and is answered 404, whether or not the case exists).
/// Intake derives it from its case stream; the other services keep it from Intake's integration events.
/// </summary>
public sealed record CaseAccess(Guid Id, string LeadAgencyId, IReadOnlyList<string> Team, IReadOnlyList<ConsentGrant> Consents)
{
    private static readonly IReadOnlySet<InformationCategory> Everything = Enum.GetValues<InformationCategory>().ToHashSet();
    private static readonly IReadOnlySet<InformationCategory> Audit = Everything.Where(c => c != InformationCategory.Identity).ToHashSet();
    private static readonly IReadOnlySet<InformationCategory> Nothing = new HashSet<InformationCategory>();

    /// <summary>The case is closed: other services take no new work on it (what was shared stays readable as before).</summary>
    public bool Closed { get; init; }

    public bool IsLead(Caller caller) => string.Equals(caller.AgencyId, LeadAgencyId, StringComparison.Ordinal);

    /// <summary>
    /// Whether the caller may change what a service keeps for the case (its plan, its eligibility record): the lead agency's case
    /// managers and supervisors; anyone else is answered 404. One rule for every service.
    /// </summary>
    public bool MayBeChangedBy(Caller caller) => IsLead(caller) && caller.IsCaseWorker;

    public bool IsOnTeam(string agencyId) => Team.Contains(agencyId, StringComparer.Ordinal);

    public IReadOnlySet<InformationCategory> VisibleTo(Caller caller, DateTimeOffset now)
    {
        if (IsLead(caller)) return Everything;
        if (caller.IsAdministrator) return Audit;
        if (!IsOnTeam(caller.AgencyId)) return Nothing;
        return Consents
            .Where(c => string.Equals(c.AgencyId, caller.AgencyId, StringComparison.Ordinal) && c.ExpiresAt > now)
            .SelectMany(c => c.Categories)
            .ToHashSet();
    }

    public bool MaySee(Caller caller, InformationCategory category, DateTimeOffset now) => VisibleTo(caller, now).Contains(category);
}
