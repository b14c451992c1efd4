using Platform.EventSourcing;
using Platform.ServiceDefaults;

namespace Platform.Intake.Cases;

/// <summary>The rules every change to a case shares.</summary>
public static class CaseRules
{
    /// <summary>Only the lead agency changes a case; anyone else is answered 404.</summary>
    public static bool IsLead(this Caller caller, Case c) => c.Access.IsLead(caller);

    /// <summary>A closed case accepts no change but reopening.</summary>
    public static void MustBeOpen(this Case c)
    {
        if (c.Status == CaseStatus.Closed) throw new CommandRejectedException("The case is closed; reopen it before changing it.");
    }
}
