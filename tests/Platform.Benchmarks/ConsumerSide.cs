using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Services;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing;
using Platform.EventSourcing.Consumers;
using Platform.Testing;
using Weasel.Core;

namespace Platform.Benchmarks;

/// <summary>
/// A downstream service built like <see cref="ConsumerHost"/>: the platform's messaging (one queue, partitioned by
/// case with <see cref="IdempotentConsumerDefinition{TConsumer,TMessage}"/>) and idempotent consumers that append
/// what they see to a Marten stream per case, in a schema of their own.
/// </summary>
public sealed class ConsumerSide : IAsyncDisposable
{
    private readonly IHost _host;

    private ConsumerSide(IHost host, string queue)
    {
        _host = host;
        Queue = queue;
    }

    /// <summary>The queue (and exchange) MassTransit declared for the consumers: <c>{service}-case-events</c>.</summary>
    public string Queue { get; }

    public static async Task<ConsumerSide> StartAsync(BenchOptions options, Uri rabbitMq, string schema, string serviceName, Recorder recorder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Quiet.Logging)
        {
            ["ConnectionStrings:RabbitMq"] = rabbitMq.ToString(),
        });
        builder.Services.AddSingleton(recorder);
        builder.Services.AddMarten(o =>
        {
            o.Connection(options.Postgres);
            o.DatabaseSchemaName = schema;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            o.Events.StreamIdentity = StreamIdentity.AsGuid;
            o.Events.MetadataConfig.EnableAll();
            o.Schema.For<ProcessedMessage>();
            o.AutoCreateSchemaObjects = AutoCreate.All;
        }).ApplyAllDatabaseChangesOnStartup();
        builder.Services.AddConsumeObserver<DeliveryObserver>();
        builder.AddPlatformMessaging(serviceName,
            bus =>
            {
                bus.AddConsumer<BenchConsumer<CaseOpened>>();
                bus.AddConsumer<BenchConsumer<CaseClosed>>();
                bus.AddConsumer<BenchConsumer<CaseReopened>>();
            },
            // A safety net: the benchmark deletes its queue at the end, and an abandoned one goes away by itself.
            endpoint =>
            {
                endpoint.QueueExpiration = TimeSpan.FromMinutes(10);
                if (options.ConsumerConcurrency is { } limit) endpoint.ConcurrentMessageLimit = limit;
            });

        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new ConsumerSide(host, $"{serviceName}-case-events");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>
/// Like Platform.Testing's RecordingConsumer: appends a <see cref="Seen"/> per message to the case's stream, in the
/// same transaction as the idempotency record. Also notes when the handler started and when that transaction committed.
/// </summary>
public sealed class BenchConsumer<TMessage>(IDocumentStore store, Recorder recorder) : IdempotentConsumer<TMessage>(store)
    where TMessage : class, IIntegrationEvent
{
    protected override Task ApplyAsync(TMessage message, IDocumentSession session, CancellationToken cancellationToken)
    {
        recorder.OnHandling(message.EventId);
        session.Events.Append(message.CaseId,
            new Seen(typeof(TMessage).Name, message.EventId, message.CaseVersion, message.Actor.AgencyId, "", DateTimeOffset.UtcNow));
        session.Listeners.Add(new AfterCommit(() => recorder.OnApplied(message.EventId, message.CaseId, message.CaseVersion)));
        return Task.CompletedTask;
    }

    private sealed class AfterCommit(Action action) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            action();
            return Task.CompletedTask;
        }
    }
}

/// <summary>When a message reached the consumer pipeline of this process (before its case partition and handler).</summary>
public sealed class DeliveryObserver(Recorder recorder) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent e) recorder.OnReceived(e.EventId);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
