using System.Net.Http.Headers;
using MassTransit;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Referral.Tests;

/// <summary>
/// One Referral service for the whole collection, on the real PostgreSQL (a schema of its own) and RabbitMQ, on a fake
/// clock that the follow-up tests move; Intake's integration events are published on the bus to drive its case access model.
/// </summary>
public sealed class ReferralFixture : IAsyncLifetime
{
    public const int AnswerWithinHours = 72;
    public const int UpdateWithinDays = 14;

    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public ConsumerHost Consumer { get; private set; } = null!;

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        Consumer = await ConsumerHost.StartAsync(Servers, typeof(Contracts.Referral.ReferralAccepted), typeof(Contracts.Referral.FollowUpDue),
            typeof(Contracts.Referral.ServiceDelivered));
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UsePlatformServers(Servers, Tokens, "referrals");
            web.UseSetting("Referrals:AnswerWithinHours", AnswerWithinHours.ToString());
            web.UseSetting("Referrals:UpdateWithinDays", UpdateWithinDays.ToString());
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
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

    /// <summary>Publishes an event as its service would (message id = event id).</summary>
    public Task PublishAsync(IIntegrationEvent message) =>
        App.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), c => c.MessageId = message.EventId);

    /// <summary>Waits until Referral's access model of the case satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAccessAsync(Guid caseId, Func<CaseAccess, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = Store.QuerySession();
            if (await session.LoadCaseAccessAsync(caseId, default) is { } access && condition(access)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Referral's access model of case {caseId} did not reach the expected state.");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Consumer.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ReferralCollection : ICollectionFixture<ReferralFixture>
{
    public const string Name = "referrals";
}
