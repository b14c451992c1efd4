using Platform.EventSourcing;
using Platform.Intake.Cases;
using Published = Platform.Contracts.Intake;

namespace Platform.Intake;

/// <summary>What Intake tells the other services. Identity and contact details never leave Intake.</summary>
public sealed class IntakeIntegrationEvents : IntegrationEventMap
{
    public IntakeIntegrationEvents()
    {
        Map<CaseManagerAssigned>((e, m) => new Published.CaseManagerAssigned(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.CaseManagerId));
        Map<TransferRequested>((e, m) => new Published.TransferRequested(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ToAgencyId));
        Map<TransferAccepted>((e, m) => new Published.CaseTransferred(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.FromAgencyId, e.ToAgencyId));
        Map<TransferDeclined>((e, m) => new Published.TransferDeclined(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ToAgencyId));
        Map<IdentityRecorded>((_, m) => new Published.IdentityRecorded(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor));
        Map<IdentityErased>((_, m) => new Published.IdentityErased(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor));
        // Strengths are the client's own words: they stay in Intake.
        Map<NeedsAssessed>((e, m) => new Published.NeedsAssessed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.Needs));
        Map<CrisisReported>((e, m) => new Published.CrisisReported(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.CrisisId, e.Kind, e.Severity));
        Map<CrisisResolved>((e, m) => new Published.CrisisResolved(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.CrisisId));
        Map<CaseOpened>((e, m) => new Published.CaseOpened(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.LeadAgencyId, e.ReferralSource, e.ClientCategory, e.AgeGroup, e.TraffickingType, e.PreferredLanguage,
            e.InterpreterNeeded));
        Map<CaseClosed>((e, m) => new Published.CaseClosed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.Reason));
        Map<CaseReopened>((_, m) => new Published.CaseReopened(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor));
        Map<AgencyJoinedCase>((e, m) => new Published.AgencyJoinedCase(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.AgencyId, e.Role));
        Map<AgencyLeftCase>((e, m) => new Published.AgencyLeftCase(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.AgencyId));
        // The release reference stays in Intake: other services need to know what is allowed, not the paperwork.
        Map<ConsentGranted>((e, m) => new Published.ConsentGranted(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ConsentId, e.AgencyId, e.Categories, e.ExpiresAt, e.GivenBy));
        Map<ConsentRevoked>((e, m) => new Published.ConsentRevoked(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ConsentId, e.AgencyId));
        Map<ConsentExpired>((e, m) => new Published.ConsentExpired(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ConsentId, e.AgencyId));
    }
}
