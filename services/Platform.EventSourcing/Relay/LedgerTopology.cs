using MassTransit;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using RabbitMQ.Client;

namespace Platform.EventSourcing.Relay;

/// <summary>
/// Declares the platform ledger before the relay publishes anything: a durable queue bound to the exchange that
/// every integration event reaches (MassTransit binds each event type's exchange to the one of the interface it
/// implements). A message published into an exchange with no queue is dropped; with the ledger bound first,
/// every event has somewhere to go even before any consuming service has started. Communications reads it.
/// </summary>
public sealed class LedgerTopology(Uri broker) : BackgroundService
{
    public const string Queue = "platform-ledger";

    /// <summary>The fanout exchange MassTransit names after <see cref="IIntegrationEvent"/>.</summary>
    public static readonly string Exchange = $"{typeof(IIntegrationEvent).Namespace}:{nameof(IIntegrationEvent)}";

    private readonly TaskCompletionSource _declared = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the ledger is declared; the relay waits for it before its first publish.</summary>
    public Task Declared => _declared.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = RabbitMqAddress.ConnectionFactory(broker, "platform-ledger-topology");
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(stoppingToken);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: stoppingToken);
                await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
                await channel.QueueBindAsync(Queue, Exchange, routingKey: "", cancellationToken: stoppingToken);
                _declared.TrySetResult();
                return;
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }
}
