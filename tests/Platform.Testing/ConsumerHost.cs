using JasperFx;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Consumers;
using Weasel.Core;

namespace Platform.Testing;

/// <summary>
/// A downstream service in miniature, built from the platform's own plumbing: a MassTransit bus on the real
/// broker and idempotent consumers that append what they see to a Marten stream per case in the real database.
/// A message applied twice would show as two events.
/// </summary>
public sealed class ConsumerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PlatformServers _servers;
    private readonly string _queue;

    private ConsumerHost(IHost host, PlatformServers servers, string queue) => (_host, _servers, _queue) = (host, servers, queue);

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Records the given message types; also keeps the shared case access model, as every service does.</summary>
    public static async Task<ConsumerHost> StartAsync(PlatformServers servers, params Type[] messageTypes)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = servers.RabbitMq.ToString(),
        });
        builder.Services.AddMarten(options =>
        {
            options.Connection(servers.Postgres);
            options.DatabaseSchemaName = $"consumer_{runId}";
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            options.Events.MetadataConfig.EnableAll();
            options.Schema.For<ProcessedMessage>();
            options.Schema.For<CaseAccess>();
            options.AutoCreateSchemaObjects = AutoCreate.All;
        }).ApplyAllDatabaseChangesOnStartup();
        builder.AddPlatformMessaging($"test-{runId}",
            bus =>
            {
                foreach (var type in messageTypes) bus.AddConsumer(typeof(RecordingConsumer<>).MakeGenericType(type));
                bus.AddCaseAccessModel();
            },
            // Deleted on dispose; the expiry is the backstop for a test run that was killed.
            endpoint => endpoint.QueueExpiration = TimeSpan.FromMinutes(15));
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new ConsumerHost(host, servers, $"test-{runId}-case-events");
    }

    /// <summary>What the consumers applied for a case, in the order they applied it.</summary>
    public async Task<IReadOnlyList<Seen>> SeenAsync(Guid caseId)
    {
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId);
        return events.Select(e => (Seen)e.Data).ToList();
    }

    /// <summary>Waits until <paramref name="count"/> messages were applied for the case, then a little longer to catch extras.</summary>
    public async Task<IReadOnlyList<Seen>> WaitForAsync(Guid caseId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var seen = await SeenAsync(caseId);
            if (seen.Count >= count)
            {
                await Task.Delay(300);
                return await SeenAsync(caseId);
            }
            await Task.Delay(50);
        }
        return await SeenAsync(caseId);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        // Nothing reads this queue after the run; left bound, it would store a copy of every later event.
        await using var connection = await RabbitMqAddress.ConnectionFactory(_servers.RabbitMq, "test-cleanup").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
    }
}

/// <summary>One integration event as a consumer applied it.</summary>
public sealed record Seen(string MessageType, Guid EventId, long CaseVersion, string AgencyId, string Summary, DateTimeOffset AppliedAt);

public sealed class RecordingConsumer<TMessage>(IDocumentStore store) : IdempotentConsumer<TMessage>(store)
    where TMessage : class, IIntegrationEvent
{
    protected override Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Events.Append(message.CaseId, new Seen(typeof(TMessage).Name, message.EventId, message.CaseVersion,
            message.Actor.AgencyId, message.ToString() ?? "", DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}
