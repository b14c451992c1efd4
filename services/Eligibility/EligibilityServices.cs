using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.Eligibility.Claims;
using Platform.Eligibility.Programs;
using Platform.Eligibility.Records;
using Platform.Eligibility.Records.Deadlines;
using Platform.Eligibility.Records.Opening;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Published = Platform.Contracts.Eligibility;

namespace Platform.Eligibility;

public static class EligibilityServices
{
    public const string Name = "eligibility";

    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgramCatalog>();
        builder.AddEventStore<EligibilityIntegrationEvents>(schema: Name, options =>
        {
            options.Projections.Snapshot<EligibilityRecord>(SnapshotLifecycle.Inline);
            options.Schema.For<EligibilityRecord>().Duplicate(r => r.NextDeadline);
            options.Projections.Add<ClaimLineProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ClaimLine>().Duplicate(l => l.Month);
        });
        builder.AddPlatformMessaging(Name, bus =>
        {
            bus.AddCaseAccessModel();
            bus.AddConsumer<OpenRecordOnCaseOpened>();
            bus.AddConsumer<ClaimOnServiceDelivered>();
            bus.AddConsumer<VoidOnServiceEnteredInError>();
            bus.AddConsumer<VoidOnReferralEnteredInError>();
        });
        builder.Services.AddHostedService<EligibilityDeadlineMonitor>();
        return builder;
    }
}

/// <summary>
/// What Eligibility tells the other services: windows, letters (kind and date, never the letter's number), alerts and claims, with ids,
/// program ids, dates and numbers only.
/// </summary>
public sealed class EligibilityIntegrationEvents : IntegrationEventMap
{
    public EligibilityIntegrationEvents()
    {
        Map<EnrolledInProgram>((e, m) => new Published.EnrolledInProgram(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId, e.Rule.Id,
            e.Rule.PerCapita, e.OpenedBy, e.StartsOn, e.EndsOn));
        Map<CertificationRecorded>((e, m) => new Published.CertificationRecorded(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.LetterId,
            e.Kind, e.LetterDate));
        Map<EligibilityWindowClosed>((e, m) => new Published.EligibilityWindowClosed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.WindowId, e.ProgramId, e.Reason, e.ClosedOn));
        Map<EligibilityExpiring>((e, m) => new Published.EligibilityExpiring(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId,
            e.ProgramId, e.ThresholdDays, e.EndsOn));
        Map<EligibilityExpired>((e, m) => new Published.EligibilityExpired(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId,
            e.ProgramId, e.EndedOn));
        Map<RenewalDue>((e, m) => new Published.RenewalDue(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId, e.ProgramId, e.EndsOn));
        Map<ExtensionGranted>((e, m) => new Published.ExtensionGranted(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId,
            e.ProgramId, e.Days, e.EndsOn));
        Map<EligibilityRenewed>((e, m) => new Published.EligibilityRenewed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.WindowId,
            e.ProgramId, e.EndsOn));
        Map<ServiceClaimed>((e, m) => new Published.ServiceClaimed(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.ServiceRecordId,
            e.ReferralId, e.ProviderAgencyId, e.ServiceType, e.DeliveredOn, e.Units, e.Unit, e.WindowId, e.ProgramId));
        Map<ServiceNotReimbursable>((e, m) => new Published.ServiceNotReimbursable(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor,
            e.ServiceRecordId, e.ReferralId, e.ProviderAgencyId, e.ServiceType, e.DeliveredOn, e.Reason));
        Map<ClaimVoided>((e, m) => new Published.ClaimVoided(m.EventId, m.CaseId, m.CaseVersion, m.OccurredAt, m.Actor, e.ServiceRecordId,
            e.ProgramId, e.Reason));
    }
}
