using Marten;
using Platform.EventSourcing.Http;
using Platform.EventSourcing.Monitors;

namespace Platform.Intake.Cases.Consents;

/// <summary>
/// Ends consents when they expire: appends <c>ConsentExpired</c> once per consent, at its time (within one check
/// interval, <c>Consents:ExpiryCheckSeconds</c>). Several instances may run: the decision yields nothing for a consent
/// no longer in force, and optimistic concurrency on the case stream lets only one of two racing instances commit.
/// </summary>
public sealed class ConsentExpiryMonitor(IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<ConsentExpiryMonitor> logger) : PeriodicCheck(clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Consents:ExpiryCheckSeconds", 30.0));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct) => await ExpireDueAsync(ct) == Batch;

    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        IReadOnlyList<ConsentDeadline> due;
        await using (var query = store.QuerySession())
            due = await query.Query<ConsentDeadline>().Where(d => d.ExpiresAt <= now).OrderBy(d => d.ExpiresAt).Take(Batch)
                .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var deadline in due)
        {
            await using var session = store.LightweightSession();
            session.Delete(deadline);
            await session.DecideAsync<Case>(deadline.CaseId, null, _ => true,
                state => CaseConsents.Decide(state, new ExpireConsent(deadline.Id, now)), cancellationToken);
            // Commits the deadline's removal when the decision had nothing to append (a no-op after a commit).
            await session.SaveChangesAsync(cancellationToken);
            expired++;
        }
        return expired;
    }
}
