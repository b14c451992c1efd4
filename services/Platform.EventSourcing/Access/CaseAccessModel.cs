using Marten;
using MassTransit;
using Platform.Contracts;
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
    private static readonly Type[] Events =
    [
        typeof(CaseOpened), typeof(AgencyJoinedCase), typeof(AgencyLeftCase), typeof(ConsentGranted), typeof(ConsentRevoked),
        typeof(ConsentExpired), typeof(CaseTransferred), typeof(CaseClosed), typeof(CaseReopened),
    ];

    /// <summary>Whether the event changes who may see the case.</summary>
    public static bool Changes(IIntegrationEvent message) => Events.Contains(message.GetType());

    public static IBusRegistrationConfigurator AddCaseAccessModel(this IBusRegistrationConfigurator bus)
    {
        foreach (var type in Events) bus.AddConsumer(typeof(CaseAccessConsumer<>).MakeGenericType(type));
        return bus;
    }

    /// <summary>The case's access model as this service knows it, or null when it never heard of the case.</summary>
    public static Task<CaseAccess?> LoadCaseAccessAsync(this IQuerySession session, Guid caseId, CancellationToken cancellationToken) =>
        session.LoadAsync<CaseAccess>(caseId, cancellationToken);

    /// <summary>
    /// Applies what an event changes in the access model, in <paramref name="session"/> (not saved); other events change
    /// nothing. A consumer that keeps data visible by this model calls it in the same transaction, so the data and the
    /// access it needs become visible together.
    /// </summary>
    public static Task ApplyAsync(IIntegrationEvent message, IDocumentSession session, CancellationToken ct) => message switch
    {
        CaseOpened m => Store(session, new CaseAccess(m.CaseId, m.LeadAgencyId, [], [])),
        AgencyJoinedCase m => ChangeAsync(session, m.CaseId, a => a with { Team = [.. a.Team.Where(t => t != m.AgencyId), m.AgencyId] }, ct),
        AgencyLeftCase m => ChangeAsync(session, m.CaseId, a => a with
        {
            Team = a.Team.Where(t => t != m.AgencyId).ToList(),
            Consents = a.Consents.Where(c => c.AgencyId != m.AgencyId).ToList(),
        }, ct),
        ConsentGranted m => ChangeAsync(session, m.CaseId,
            a => a with { Consents = [.. a.Consents, new ConsentGrant(m.ConsentId, m.AgencyId, m.Categories, m.ExpiresAt)] }, ct),
        ConsentRevoked m => ChangeAsync(session, m.CaseId, a => a with { Consents = a.Consents.Where(c => c.ConsentId != m.ConsentId).ToList() }, ct),
        ConsentExpired m => ChangeAsync(session, m.CaseId, a => a with { Consents = a.Consents.Where(c => c.ConsentId != m.ConsentId).ToList() }, ct),
        CaseTransferred m => ChangeAsync(session, m.CaseId, a => a with
        {
            LeadAgencyId = m.ToAgencyId,
            Team = a.Team.Where(t => t != m.ToAgencyId).ToList(),
            Consents = a.Consents.Where(c => c.AgencyId != m.ToAgencyId).ToList(),
        }, ct),
        CaseClosed m => ChangeAsync(session, m.CaseId, a => a with { Closed = true }, ct),
        CaseReopened m => ChangeAsync(session, m.CaseId, a => a with { Closed = false }, ct),
        _ => Task.CompletedTask,
    };

    private static Task Store(IDocumentSession session, CaseAccess access)
    {
        session.Store(access);
        return Task.CompletedTask;
    }

    private static async Task ChangeAsync(IDocumentSession session, Guid caseId, Func<CaseAccess, CaseAccess> change,
        CancellationToken cancellationToken)
    {
        // A case opened before this service existed is unknown here; nobody but the lead could see it anyway.
        if (await session.LoadAsync<CaseAccess>(caseId, cancellationToken) is { } access) session.Store(change(access));
    }

    public sealed class CaseAccessConsumer<TEvent>(IDocumentStore store) : IdempotentConsumer<TEvent>(store)
        where TEvent : class, IIntegrationEvent
    {
        protected override Task ApplyAsync(TEvent message, IDocumentSession session, CancellationToken ct) =>
            CaseAccessModel.ApplyAsync(message, session, ct);
    }
}
