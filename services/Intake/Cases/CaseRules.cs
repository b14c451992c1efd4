using Marten;
using Platform.EventSourcing.Http;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases;

/// <summary>The rules every change to a case shares.</summary>
public static class CaseRules
{
    /// <summary>Only the lead agency changes a case; anyone else is answered 404.</summary>
    public static bool IsLead(this Caller caller, Case c) => c.Access.IsLead(caller);

    /// <summary>A closed case accepts no change but reopening.</summary>
    public static void MustBeOpen(this Case c) => ClosedCase.MustBeOpen(c.Status == CaseStatus.Closed);
}

/// <summary>How every Intake endpoint changes a case: by the lead agency (unless told otherwise), at the If-Match version.</summary>
public static class CaseChanges
{
    public static Task<StreamWrite> ChangeCaseAsync(this HttpContext http, IDocumentSession session, Guid caseId,
        Func<Case, IReadOnlyList<object>> decide, CancellationToken ct, Func<Caller, Case, bool>? mayWrite = null)
    {
        var caller = http.Caller();
        var allowed = mayWrite ?? CaseRules.IsLead;
        return session.DecideAsync<Case>(caseId, http.Request.ExpectedVersion(), state => allowed(caller, state), decide, ct);
    }
}
