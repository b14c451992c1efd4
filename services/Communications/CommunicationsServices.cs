using MassTransit;
using Platform.Communications.Disclosures;
using Platform.Communications.Ledger;
using Platform.EventSourcing;
using Platform.EventSourcing.Relay;

namespace Platform.Communications;

public static class CommunicationsServices
{
    public const string Name = "communications";

    public static WebApplicationBuilder AddCommunications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore<CommunicationsIntegrationEvents>(schema: Name, options =>
        {
            options.Schema.For<LedgerEntry>().Index(e => e.CaseId).UniqueIndex(e => e.EventId);
            options.Schema.For<DisclosureRecord>().Index(d => d.CaseId);
        });
        // Communications reads the platform ledger itself: every integration event of every service, in order.
        builder.AddPlatformMessaging(Name,
            bus =>
            {
                foreach (var type in LedgerNames.IntegrationEventTypes) bus.AddConsumer(typeof(LedgerConsumer<>).MakeGenericType(type));
            },
            endpoint => endpoint.ConfigureConsumeTopology = false,
            queue: LedgerTopology.Queue);
        return builder;
    }
}

/// <summary>What Communications publishes besides its access log: nothing yet.</summary>
public sealed class CommunicationsIntegrationEvents : IntegrationEventMap;
