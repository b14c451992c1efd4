using JasperFx.Events;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.EventSourcing.Access;

namespace Platform.EventSourcing;

/// <summary>
/// A service's translation from its domain events to the integration events it publishes.
/// Domain events with no entry stay inside the service.
/// </summary>
public abstract class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IEvent, IIntegrationEvent>> _maps = [];

    /// <summary>Every service publishes its access log.</summary>
    protected IntegrationEventMap() =>
        Map<CaseDataAccessed>((e, m) => new CaseDataRead(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor, e.Resource, e.Categories, e.Outcome));

    protected void Map<TDomainEvent>(Func<TDomainEvent, EventMetadata, IIntegrationEvent> map) =>
        _maps[typeof(TDomainEvent)] = e => map((TDomainEvent)e.Data, EventMetadata.Of(e));

    public IIntegrationEvent? Translate(IEvent e) =>
        _maps.TryGetValue(e.EventType, out var map) ? map(e) : null;
}
