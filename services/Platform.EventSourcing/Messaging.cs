using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EventSourcing;

/// <summary>
/// MassTransit over RabbitMQ (<c>ConnectionStrings:RabbitMq</c>, an amqp:// URI): publisher confirms, queues
/// named after the service so two services never share one, in-process retry (the delayed-exchange plugin
/// is not shipped), and the bus health check tagged ready.
/// </summary>
public static class Messaging
{
    public static WebApplicationBuilder AddPlatformMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var uri = new Uri(builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq (amqp://user:password@host:port/vhost) is required."));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(uri.Host, RabbitMqAddress.Port(uri), RabbitMqAddress.VirtualHost(uri), RabbitMqAddress.Configure(uri));
                rabbit.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 10000));
                rabbit.ConfigureEndpoints(context);
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
