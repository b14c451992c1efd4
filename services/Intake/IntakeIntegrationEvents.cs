using Platform.EventSourcing;
using Platform.Intake.Cases;
using Published = Platform.Contracts.Intake;

namespace Platform.Intake;

/// <summary>What Intake tells the other services. Identity and contact details never leave Intake.</summary>
public sealed class IntakeIntegrationEvents : IntegrationEventMap
{
    public IntakeIntegrationEvents()
    {
        Map<CaseOpened>((e, m) => new Published.CaseOpened(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.LeadAgencyId, e.ReferralSource, e.ClientCategory, e.AgeGroup, e.TraffickingType, e.PreferredLanguage,
            e.InterpreterNeeded));
        Map<CaseClosed>((e, m) => new Published.CaseClosed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.Reason));
        Map<CaseReopened>((_, m) => new Published.CaseReopened(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor));
    }
}
