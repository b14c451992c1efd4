using Marten;
using Platform.Contracts;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans;

/// <summary>Who may change a plan: the lead agency's case workers, and for court dates a law-enforcement agency the client consented to.</summary>
public static class PlanRules
{

    /// <summary>
    /// A law-enforcement agency with an unexpired consent covering legal information schedules and reschedules
    /// depositions and court appearances: that is how the case manager hears of a court date at once.
    /// </summary>
    public static bool MaySchedule(this Caller caller, CaseAccess access, MilestoneKind kind, DateTimeOffset now) =>
        access.MayBeChangedBy(caller)
        || (kind is MilestoneKind.Deposition or MilestoneKind.CourtAppearance
            && caller.Roles.Contains(PlatformRoles.LawEnforcement)
            && !access.IsLead(caller)
            && access.MaySee(caller, InformationCategory.Legal, now));
}

/// <summary>How every ServicePlan endpoint changes a plan: by the lead's case workers unless told otherwise.</summary>
public static class PlanChanges
{
    public static Task<StreamWrite> ChangePlanAsync(this HttpContext http, IDocumentSession session, Guid caseId,
        Func<Plan, IReadOnlyList<object>> decide, CancellationToken ct, Func<Caller, CaseAccess, Plan, bool>? mayWrite = null) =>
        http.ChangeCaseStreamAsync(session, caseId, mayWrite ?? ((c, a, _) => a.MayBeChangedBy(c)), decide, ct);
}
