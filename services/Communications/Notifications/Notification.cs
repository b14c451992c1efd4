using Marten;
using Platform.Contracts;
using Platform.Contracts.Intake;
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
/// kept for the <see cref="ConsentReminderMonitor"/>. Eligibility, follow-up and milestone notices come with the
/// services that publish them.
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
            case CrisisReported m when await session.LoadCaseAccessAsync(m.CaseId, ct) is { } access:
                var manager = await session.LoadAsync<CaseManagerOf>(m.CaseId, ct);
                session.Insert(new Notification(Guid.CreateVersion7(), access.LeadAgencyId, manager?.CaseManagerId, m.CaseId, "crisis",
                    NotificationUrgency.Urgent, $"Crisis reported: {Kebab(m.Kind)}, severity {Kebab(m.Severity)}.", m.OccurredAt, m.EventId));
                break;
        }
    }

    private static string Kebab<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
