using Platform.Communications.Disclosures;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.Communications.Ledger;
using Platform.Communications.Messages;
using Platform.Communications.Notifications;
using Platform.Communications.Subscriptions;
using Platform.Communications.Webhooks;
using Platform.EventSourcing;
using Platform.EventSourcing.Relay;

namespace Platform.Communications;

public static class CommunicationsServices
{
    public const string Name = "communications";

    public static WebApplicationBuilder AddCommunications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SafeUrls>();
        var webhooks = builder.Configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        builder.Services.AddSingleton(webhooks);
        builder.Services.AddWebhookClient(webhooks);
        builder.Services.AddHostedService<WebhookFanOut>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<DeliveryAudit>();
        builder.Services.AddHostedService<ConsentReminderMonitor>();
        builder.Services.AddSingleton<DisclosureChain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DisclosureChain>());
        var ledgerSignal = new LedgerSignal();
        var deliveries = new DeliveryScheduler();
        builder.Services.AddSingleton(ledgerSignal);
        builder.Services.AddSingleton(deliveries);
        builder.AddEventStore<CommunicationsIntegrationEvents>(schema: Name, options =>
        {
            options.Listeners.Add(new LedgerCommitListener(ledgerSignal, deliveries));
            options.Schema.For<LedgerEntry>().Index(e => e.CaseId).UniqueIndex(e => e.EventId);
            options.Schema.For<DisclosureRecord>().Index(d => d.CaseId).Index(d => d.Position);
            options.Schema.For<DisclosureChainHead>().UseOptimisticConcurrency(true);
            options.Projections.Snapshot<Subscription>(SnapshotLifecycle.Inline);
            options.Schema.For<Subscription>().Index(s => s.AgencyId);
            options.Schema.For<SubscriptionSecrets>();
            options.Schema.For<SubscriptionCursor>();
            options.Schema.For<FanOutPosition>();
            options.Schema.For<PendingDelivery>().Duplicate(p => p.SubscriptionId).Duplicate(p => p.LedgerPosition);
            options.Projections.Snapshot<CaseMessage>(SnapshotLifecycle.Inline);
            options.Schema.For<Notification>().Index(n => n.AgencyId);
            options.Schema.For<CaseManagerOf>();
            options.Schema.For<ConsentReminder>().Index(r => r.RemindAt);
            options.Schema.For<CaseMessage>().Index(m => m.CaseId);
            options.Schema.For<DeliveryAttempt>().Index(a => a.SubscriptionId).Index(a => a.LedgerPosition);
            options.Schema.For<DeliveryAuditPosition>();
            options.Schema.For<AccessChange>();
        });
        // Communications reads the platform ledger itself, in batches (every integration event of every service, in
        // order); the bus only publishes what Communications announces.
        builder.Services.AddSingleton<LedgerWriter>();
        builder.Services.AddHostedService<LedgerReader>();
        builder.AddPlatformMessaging(Name);
        return builder;
    }
}

/// <summary>What Communications tells the other services: that a message was posted (never its summary).</summary>
public sealed class CommunicationsIntegrationEvents : IntegrationEventMap
{
    public CommunicationsIntegrationEvents() =>
        Map<CaseMessagePosted>((e, m) => new Platform.Contracts.Communications.MessagePosted(m.EventId, e.CaseId, 0, m.OccurredAt, m.Actor,
            e.MessageId, e.Kind, e.Category));
}
