using Platform.ServiceDefaults;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Contracts.ServicePlan;
using Platform.EventSourcing.Access;

namespace Platform.Communications.Notifications;

public enum NotificationUrgency
{
    Normal,
    Urgent,
}

/// <summary>Something an agency (and, where known, its case manager) must act on. Ids and kinds only, no personal data.</summary>
public sealed record Notification(Guid Id, string AgencyId, string? UserId, Guid CaseId, string Kind, NotificationUrgency Urgency,
    string Text, DateTimeOffset RaisedAt, Guid SourceEventId);

/// <summary>Who manages a case, as the notifications need it.</summary>
public sealed record CaseManagerOf(Guid Id, string CaseManagerId);

/// <summary>
/// Raises notifications from integration events as they are written to the ledger, in the same transaction:
/// a crisis at once and urgent, whatever the hour, to the lead agency and its assigned case manager; consents are
/// kept for the <see cref="ConsentReminderMonitor"/>; a milestone within 48 hours, a court date set or moved by
/// another agency, a plan review due, eligibility expiring (urgent from 7 days), expired (urgent) and renewals due (to
/// the lead and its case manager); a referral's follow-up (to the requesting agency).
/// </summary>
public static class NotificationRules
{
    public static async Task ApplyAsync(IIntegrationEvent message, IDocumentSession session, TimeSpan consentReminderLead, CancellationToken ct)
    {
        switch (message)
        {
            case ConsentGranted m:
                session.Store(new ConsentReminder(m.ConsentId, m.CaseId, m.AgencyId, m.ExpiresAt, m.ExpiresAt - consentReminderLead, m.EventId));
                break;
            case ConsentRevoked m:
                session.Delete<ConsentReminder>(m.ConsentId);
                break;
            case ConsentExpired m:
                session.Delete<ConsentReminder>(m.ConsentId);
                break;
            case CaseManagerAssigned m:
                session.Store(new CaseManagerOf(m.CaseId, m.CaseManagerId));
                break;
            case CrisisReported m:
                await ToLeadAsync(session, m, "crisis", NotificationUrgency.Urgent,
                    $"Crisis reported: {PlatformJson.Name(m.Kind)}, severity {PlatformJson.Name(m.Severity)}.", ct);
                break;
            case MilestoneApproaching m:
                await ToLeadAsync(session, m, "milestone-approaching", NotificationUrgency.Normal,
                    $"{Sentence(PlatformJson.Name(m.Kind))} at {m.At:yyyy-MM-dd HH:mm} UTC (within 48 hours): check accompaniment, interpreter and transport.", ct);
                break;
            case MilestoneRescheduled m:
                await ToLeadAsync(session, m, "milestone-rescheduled", NotificationUrgency.Normal,
                    $"{Sentence(PlatformJson.Name(m.Kind))} moved to {m.At:yyyy-MM-dd HH:mm} UTC by agency {m.Actor.AgencyId}.", ct, unlessActorIsLead: true);
                break;
            case MilestoneScheduled m:
                await ToLeadAsync(session, m, "milestone-scheduled", NotificationUrgency.Normal,
                    $"{Sentence(PlatformJson.Name(m.Kind))} scheduled for {m.At:yyyy-MM-dd HH:mm} UTC by agency {m.Actor.AgencyId}.", ct, unlessActorIsLead: true);
                break;
            case PlanReviewDue m:
                await ToLeadAsync(session, m, "plan-review-due", NotificationUrgency.Normal, $"The service plan review falls due on {m.DueOn:yyyy-MM-dd}.", ct);
                break;
            case EligibilityExpiring m:
                await ToLeadAsync(session, m, "eligibility-expiring", m.ThresholdDays <= 7 ? NotificationUrgency.Urgent : NotificationUrgency.Normal,
                    $"Program {m.ProgramId} ends on {m.EndsOn:yyyy-MM-dd} ({m.ThresholdDays} days): extend, renew or plan what follows.", ct);
                break;
            case EligibilityExpired m:
                await ToLeadAsync(session, m, "eligibility-expired", NotificationUrgency.Urgent,
                    $"Program {m.ProgramId} ended on {m.EndedOn:yyyy-MM-dd}: services after it are not reimbursable under it.", ct);
                break;
            case RenewalDue m:
                await ToLeadAsync(session, m, "renewal-due", NotificationUrgency.Normal,
                    $"Program {m.ProgramId} is due for renewal before {m.EndsOn:yyyy-MM-dd}.", ct);
                break;
            case FollowUpDue m:
                var manager = await session.LoadAsync<CaseManagerOf>(m.CaseId, ct);
                var lead = await session.LoadCaseAccessAsync(m.CaseId, ct);
                session.Insert(new Notification(Guid.CreateVersion7(), m.RequestingAgencyId,
                    lead?.LeadAgencyId == m.RequestingAgencyId ? manager?.CaseManagerId : null, m.CaseId, "referral-follow-up-due",
                    NotificationUrgency.Normal,
                    m.Reason == FollowUpReason.NoAnswer
                        ? $"Referral {m.ReferralId} to agency {m.ReceivingAgencyId} has had no answer: follow up."
                        : $"Referral {m.ReferralId} to agency {m.ReceivingAgencyId} has had no update: follow up.",
                    m.OccurredAt, m.EventId));
                break;
        }
    }

    /// <summary>A notice to the case's lead agency, addressed to its case manager when one is assigned.</summary>
    private static async Task ToLeadAsync(IDocumentSession session, IIntegrationEvent m, string kind, NotificationUrgency urgency, string text,
        CancellationToken ct, bool unlessActorIsLead = false)
    {
        if (await session.LoadCaseAccessAsync(m.CaseId, ct) is not { } access) return;
        if (unlessActorIsLead && m.Actor.AgencyId == access.LeadAgencyId) return;
        var manager = await session.LoadAsync<CaseManagerOf>(m.CaseId, ct);
        session.Insert(new Notification(Guid.CreateVersion7(), access.LeadAgencyId, manager?.CaseManagerId, m.CaseId, kind, urgency, text,
            m.OccurredAt, m.EventId));
    }

    private static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..].Replace('-', ' ');

}
