using Marten;
using Platform.Contracts;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Http;
using Platform.ServiceDefaults;

namespace Platform.ServicePlan.Plans;

/// <summary>Who may change a plan: the lead agency's case workers, and for court dates a law-enforcement agency the client consented to.</summary>
public static class PlanRules
{
    public static bool IsCaseWorker(this Caller caller) =>
        caller.Roles.Contains(PlatformRoles.CaseManager) || caller.Roles.Contains(PlatformRoles.Supervisor);

    /// <summary>The lead agency's case managers and supervisors change the plan; anyone else is answered 404.</summary>
    public static bool MayChangePlan(this Caller caller, CaseAccess access) => access.IsLead(caller) && caller.IsCaseWorker();

    /// <summary>
    /// A law-enforcement agency with an unexpired consent covering legal information schedules and reschedules
    /// depositions and court appearances: that is how the case manager hears of a court date at once.
    /// </summary>
    public static bool MaySchedule(this Caller caller, CaseAccess access, MilestoneKind kind, DateTimeOffset now) =>
        caller.MayChangePlan(access)
        || (kind is MilestoneKind.Deposition or MilestoneKind.CourtAppearance
            && caller.Roles.Contains(PlatformRoles.LawEnforcement)
            && !access.IsLead(caller)
            && access.MaySee(caller, InformationCategory.Legal, now));
}

/// <summary>How every ServicePlan endpoint changes a plan: load the case's access model, check, decide at the If-Match version.</summary>
public static class PlanChanges
{
    public static async Task<StreamWrite> ChangePlanAsync(this HttpContext http, IDocumentSession session, Guid caseId,
        Func<Plan, IReadOnlyList<object>> decide, CancellationToken ct, Func<Caller, CaseAccess, Plan, bool>? mayWrite = null)
    {
        var caller = http.Caller();
        var access = await session.LoadCaseAccessAsync(caseId, ct);
        if (access is null) return StreamWrite.NotFound;
        var allowed = mayWrite ?? ((c, a, _) => c.MayChangePlan(a));
        return await session.DecideAsync<Plan>(caseId, http.Request.ExpectedVersion(), plan => allowed(caller, access, plan),
            plan => plan.Closed ? throw new CommandRejectedException("The case is closed; its plan changes again when the case reopens.") : decide(plan), ct);
    }
}
