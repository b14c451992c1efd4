using JasperFx;
using Marten;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Monitors;

namespace Platform.Communications.Notifications;

/// <summary>A consent to remind the lead agency of before it ends: kept from <c>ConsentGranted</c> until it is revoked, expires or reminded.</summary>
public sealed record ConsentReminder(Guid Id, Guid CaseId, string AgencyId, DateTimeOffset ExpiresAt, DateTimeOffset RemindAt, Guid SourceEventId);

/// <summary>
/// Raises "consent expiring soon" for the lead agency and its case manager <c>Notifications:ConsentExpiringDays</c>
/// (default 14) before a consent ends, so the case manager can talk with the client before a team agency loses
/// access. Once per consent: the notification's id is the consent's, and it is written with the reminder's removal.
/// Checks every <c>Notifications:CheckSeconds</c> (default 60), on the injected clock.
/// </summary>
public sealed class ConsentReminderMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<ConsentReminderMonitor> logger) : PeriodicCheck(clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Notifications:CheckSeconds", 60.0));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct) => await RemindDueAsync(ct) == Batch;

    public static TimeSpan Lead(IConfiguration configuration) => TimeSpan.FromDays(configuration.GetValue("Notifications:ConsentExpiringDays", 14.0));

    public async Task<int> RemindDueAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<ConsentReminder> due;
        await using (var query = store.QuerySession())
            due = await query.Query<ConsentReminder>().Where(r => r.RemindAt <= now).OrderBy(r => r.RemindAt).Take(Batch).ToListAsync(ct);

        var raised = 0;
        foreach (var reminder in due)
        {
            await using var session = store.LightweightSession();
            session.Delete(reminder);
            if (reminder.ExpiresAt > now && await session.LoadCaseAccessAsync(reminder.CaseId, ct) is { } access)
            {
                var manager = await session.LoadAsync<CaseManagerOf>(reminder.CaseId, ct);
                var days = Math.Max(1, (int)Math.Ceiling((reminder.ExpiresAt - now).TotalDays));
                session.Insert(new Notification(reminder.Id, access.LeadAgencyId, manager?.CaseManagerId, reminder.CaseId, "consent-expiring",
                    NotificationUrgency.Normal,
                    $"Consent for agency {reminder.AgencyId} ends on {reminder.ExpiresAt:yyyy-MM-dd} (in {days} day{(days == 1 ? "" : "s")}).",
                    now, reminder.SourceEventId));
                raised++;
            }
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (DocumentAlreadyExistsException)
            {
                // Another instance raised it first.
            }
        }
        return raised;
    }
}
