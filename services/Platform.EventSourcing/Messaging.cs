using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.EventSourcing.Consumers;
using Platform.EventSourcing.Relay;

namespace Platform.EventSourcing;

/// <summary>
/// MassTransit over RabbitMQ (<c>ConnectionStrings:RabbitMq</c>, an amqp:// URI) with publisher confirms.
/// All of a service's consumers share one durable queue, <c>{service}-case-events</c>, partitioned by case:
/// RabbitMQ delivers in publish order, and <see cref="IdempotentConsumerDefinition{TConsumer,TMessage}"/> handles each
/// case's messages one at a time in that order, whatever their type, while different cases run concurrently.
/// </summary>
public static class Messaging
{
    public static TBuilder AddPlatformMessaging<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null, Action<IRabbitMqReceiveEndpointConfigurator>? endpoint = null)
        where TBuilder : IHostApplicationBuilder
    {
        var uri = new Uri(builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq (amqp://user:password@host:port/vhost) is required."));

        builder.Services.AddSingleton<CasePartitions>();
        builder.Services.AddSingleton(new LedgerTopology(uri));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerTopology>());
        builder.Services.AddMassTransit(bus =>
        {
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(uri.Host, RabbitMqAddress.Port(uri), RabbitMqAddress.VirtualHost(uri), RabbitMqAddress.Configure(uri));
                if (consumers is null) return;

                rabbit.ReceiveEndpoint($"{serviceName}-case-events", e =>
                {
                    e.PrefetchCount = CasePartitions.Count * 4;
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
