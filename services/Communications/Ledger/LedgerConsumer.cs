using System.Text.Json;
using Marten;
using Platform.Communications.Disclosures;
using Platform.Communications.Notifications;
using Platform.Contracts.Disclosure;
using Platform.Contracts;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Consumers;
using Platform.ServiceDefaults;

namespace Platform.Communications.Ledger;

/// <summary>
/// Writes every integration event, once, into the ledger, together with the access change it carries: an entry never
/// becomes readable before the consent or team change that decides who may read it.
/// </summary>
public sealed class LedgerConsumer<TEvent>(IDocumentStore store, IConfiguration configuration) : IdempotentConsumer<TEvent>(store)
    where TEvent : class, IIntegrationEvent
{
    protected override async Task ApplyAsync(TEvent message, IDocumentSession session, CancellationToken cancellationToken)
    {
        await CaseAccessModel.ApplyAsync(message, session, cancellationToken);
        await NotificationRules.ApplyAsync(message, session, ConsentReminderMonitor.Lead(configuration), cancellationToken);
        if (message is CaseDataRead read) session.Insert(DisclosureRecord.Read(read));
        session.Insert(new LedgerEntry
        {
            EventId = message.EventId,
            CaseId = message.CaseId,
            Service = LedgerNames.ServiceOf(typeof(TEvent)),
            Type = LedgerNames.TypeOf(typeof(TEvent)),
            Category = message.Category,
            OccurredAt = message.OccurredAt,
            ActorAgencyId = message.Actor.AgencyId,
            // Kept in the platform's JSON shape (camelCase, kebab-case values), as the feed and webhooks send it.
            Data = JsonSerializer.SerializeToElement(message, message.GetType(), PlatformJson.Options),
        });
    }
}

/// <summary>How an integration event type is named outside: <c>platform.intake.case-opened</c>, from service <c>intake</c>.</summary>
public static class LedgerNames
{
    private const string ContractsNamespace = "Platform.Contracts";

    public static string ServiceOf(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(ContractsNamespace + ".", StringComparison.Ordinal)
            ? JsonNamingPolicy.KebabCaseLower.ConvertName(ns[(ContractsNamespace.Length + 1)..])
            : "platform";

    public static string TypeOf(Type type) => $"platform.{ServiceOf(type)}.{JsonNamingPolicy.KebabCaseLower.ConvertName(type.Name)}";

    /// <summary>Every integration event type the platform defines.</summary>
    public static IReadOnlyList<Type> IntegrationEventTypes { get; } = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToList();
}
