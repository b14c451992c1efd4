using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.EventSourcing.Relay;

namespace Platform.EventSourcing;

/// <summary>
/// MassTransit over RabbitMQ (<c>ConnectionStrings:RabbitMq</c>, an amqp:// URI) with publisher confirms.
/// All of a service's consumers share one durable queue, <c>{service}-case-events</c>, handled one message at a time:
/// the relay confirms each event of a case before publishing the next, so the queue holds a case's events in
/// commit order, whatever their type, and strict consumption keeps that order. (MassTransit's partitioner cannot:
/// deliveries enter the pipeline concurrently and can reach it swapped, which the relay benchmark caught.)
/// Retries run in place, so a message being retried holds back every later one. A service may read another queue
/// instead (Communications reads the platform ledger, whose bindings <see cref="LedgerTopology"/> owns).
/// </summary>
public static class Messaging
{
    public static TBuilder AddPlatformMessaging<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null, Action<IRabbitMqReceiveEndpointConfigurator>? endpoint = null,
        string? queue = null)
        where TBuilder : IHostApplicationBuilder
    {
        var uri = new Uri(builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq (amqp://user:password@host:port/vhost) is required."));

        builder.Services.AddSingleton(new LedgerTopology(uri));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerTopology>());
        builder.Services.AddMassTransit(bus =>
        {
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(uri.Host, RabbitMqAddress.Port(uri), RabbitMqAddress.VirtualHost(uri), RabbitMqAddress.Configure(uri));
                if (consumers is null) return;

                rabbit.ReceiveEndpoint(queue ?? $"{serviceName}-case-events", e =>
                {
                    e.PrefetchCount = 64;
                    e.ConcurrentMessageLimit = 1;
                    e.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 10000));
                    endpoint?.Invoke(e);
                    e.ConfigureConsumers(context);
                });
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }
}
