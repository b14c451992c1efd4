using Marten;
using MassTransit;
using Platform.Contracts.Intake;
using Platform.EventSourcing.Consumers;

namespace Platform.EventSourcing.Access;

/// <summary>
/// Keeps a <see cref="CaseAccess"/> document per case in a service's own store, from Intake's integration events,
/// so that every service answers "may agency A see category C of case X now?" the way Intake does, without reading
/// Intake's tables. A service's consumers apply one message at a time in queue order, so read-modify-write is safe.
/// </summary>
public static class CaseAccessModel
{
    public static IBusRegistrationConfigurator AddCaseAccessModel(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OnCaseOpened>();
        bus.AddConsumer<OnAgencyJoinedCase>();
        bus.AddConsumer<OnAgencyLeftCase>();
        bus.AddConsumer<OnConsentGranted>();
        bus.AddConsumer<OnConsentRevoked>();
        bus.AddConsumer<OnConsentExpired>();
        bus.AddConsumer<OnCaseTransferred>();
        return bus;
    }

    /// <summary>The case's access model as this service knows it, or null when it never heard of the case.</summary>
    public static Task<CaseAccess?> LoadCaseAccessAsync(this IQuerySession session, Guid caseId, CancellationToken cancellationToken) =>
        session.LoadAsync<CaseAccess>(caseId, cancellationToken);

    private static async Task ChangeAsync(IDocumentSession session, Guid caseId, Func<CaseAccess, CaseAccess> change,
        CancellationToken cancellationToken)
    {
        // A case opened before this service existed is unknown here; nobody but the lead could see it anyway.
        if (await session.LoadAsync<CaseAccess>(caseId, cancellationToken) is { } access) session.Store(change(access));
    }

    public sealed class OnCaseOpened(IDocumentStore store) : IdempotentConsumer<CaseOpened>(store)
    {
        protected override Task ApplyAsync(CaseOpened m, IDocumentSession session, CancellationToken ct)
        {
            session.Store(new CaseAccess(m.CaseId, m.LeadAgencyId, [], []));
            return Task.CompletedTask;
        }
    }

    public sealed class OnAgencyJoinedCase(IDocumentStore store) : IdempotentConsumer<AgencyJoinedCase>(store)
    {
        protected override Task ApplyAsync(AgencyJoinedCase m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId, a => a with { Team = [.. a.Team.Where(t => t != m.AgencyId), m.AgencyId] }, ct);
    }

    public sealed class OnAgencyLeftCase(IDocumentStore store) : IdempotentConsumer<AgencyLeftCase>(store)
    {
        protected override Task ApplyAsync(AgencyLeftCase m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId, a => a with
            {
                Team = a.Team.Where(t => t != m.AgencyId).ToList(),
                Consents = a.Consents.Where(c => c.AgencyId != m.AgencyId).ToList(),
            }, ct);
    }

    public sealed class OnConsentGranted(IDocumentStore store) : IdempotentConsumer<ConsentGranted>(store)
    {
        protected override Task ApplyAsync(ConsentGranted m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId,
                a => a with { Consents = [.. a.Consents, new ConsentGrant(m.ConsentId, m.AgencyId, m.Categories, m.ExpiresAt)] }, ct);
    }

    public sealed class OnConsentRevoked(IDocumentStore store) : IdempotentConsumer<ConsentRevoked>(store)
    {
        protected override Task ApplyAsync(ConsentRevoked m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId, a => a with { Consents = a.Consents.Where(c => c.ConsentId != m.ConsentId).ToList() }, ct);
    }

    public sealed class OnConsentExpired(IDocumentStore store) : IdempotentConsumer<ConsentExpired>(store)
    {
        protected override Task ApplyAsync(ConsentExpired m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId, a => a with { Consents = a.Consents.Where(c => c.ConsentId != m.ConsentId).ToList() }, ct);
    }

    public sealed class OnCaseTransferred(IDocumentStore store) : IdempotentConsumer<CaseTransferred>(store)
    {
        protected override Task ApplyAsync(CaseTransferred m, IDocumentSession session, CancellationToken ct) =>
            ChangeAsync(session, m.CaseId, a => a with
            {
                LeadAgencyId = m.ToAgencyId,
                Team = a.Team.Where(t => t != m.ToAgencyId).ToList(),
                Consents = a.Consents.Where(c => c.AgencyId != m.ToAgencyId).ToList(),
            }, ct);
    }
}
