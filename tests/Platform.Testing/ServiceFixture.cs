using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service under test for a whole collection, on the real PostgreSQL (a schema of its own) and RabbitMQ, ready once
/// its bus is: clients with a token for any agency and role, and the bus to publish other services' events on.
/// </summary>
public abstract class ServiceFixture<TProgram>(string schemaPrefix) : IAsyncLifetime where TProgram : class
{
    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public WebApplicationFactory<TProgram> App { get; private set; } = null!;

    /// <summary>Settings and services of this fixture's service, on top of the servers, the signing key and the schema.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    /// <summary>What must exist before the service starts (queues to purge, consumers to listen).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        await BeforeStartAsync();
        App = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UsePlatformServers(Servers, Tokens, schemaPrefix);
            Configure(web);
        });
        App.Server.PreserveExecutionContext = true;
        _ = App.CreateClient();
        await App.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>A client with a token for the agency and role; no token at all when <paramref name="agency"/> is null.</summary>
    public HttpClient ClientFor(string? agency, string role = PlatformRoles.CaseManager)
    {
        var client = App.CreateClient();
        if (agency is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    /// <summary>Publishes an event as its service's relay would (message id = event id).</summary>
    public Task PublishAsync(IIntegrationEvent message) =>
        App.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), c => c.MessageId = message.EventId);

    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await AfterStopAsync();
        await Servers.DisposeAsync();
    }
}
