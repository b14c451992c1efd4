using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Contracts.Intake;
using Platform.Testing;

namespace Platform.Intake.Tests;

/// <summary>
/// One Intake service for the whole collection, on the real PostgreSQL (a schema of its own) and RabbitMQ,
/// with a downstream consumer listening to what its relay publishes.
/// </summary>
public sealed class IntakeFixture : IAsyncLifetime
{
    public const int CaseloadLimit = 2;

    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public ConsumerHost Consumer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Consumer = await ConsumerHost.StartAsync(Servers, typeof(CaseOpened), typeof(CaseClosed), typeof(CaseReopened),
            typeof(ConsentGranted), typeof(ConsentRevoked), typeof(ConsentExpired));
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UsePlatformServers(Servers, Tokens, "intake");
            web.UseSetting("Consents:ExpiryCheckSeconds", "0.5");
            web.UseSetting("Caseloads:Limit", IntakeFixture.CaseloadLimit.ToString());
        });
        App.Server.PreserveExecutionContext = true;
        _ = App.CreateClient();
        // Intake consumes too (ReferralAccepted): its queue and bindings exist once the bus is healthy.
        await App.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>A client with a token for the agency and role; no token at all when <paramref name="agency"/> is null.</summary>
    public HttpClient ClientFor(string? agency, string role = "case-manager")
    {
        if (agency is null) return App.CreateClient();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Consumer.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntakeCollection : ICollectionFixture<IntakeFixture>
{
    public const string Name = "intake";
}
