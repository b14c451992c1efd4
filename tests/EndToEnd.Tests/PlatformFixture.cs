using System.Net.Http.Headers;
using Platform.Contracts.Intake;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform as <c>deploy/up.sh</c> runs it: Intake, ServicePlan, Referral, Communications and the gateway as processes on the real
/// PostgreSQL and RabbitMQ, plus a downstream consumer. The Eligibility route points at a port where nothing listens.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const int PermitsPerSecond = 20;

    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public ServiceProcess Intake { get; private set; } = null!;
    public ServiceProcess Communications { get; private set; } = null!;
    public ServiceProcess Plans { get; private set; } = null!;
    public ServiceProcess Referrals { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;
    public ConsumerHost Consumer { get; private set; } = null!;

    /// <summary>Communications' schema, also the application name of its PostgreSQL connections.</summary>
    public string CommunicationsSchema { get; } = $"comms_{Guid.NewGuid():N}"[..14];

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        await Servers.PurgeLedgerAsync();
        Consumer = await ConsumerHost.StartAsync(Servers, typeof(CaseOpened), typeof(CaseClosed), typeof(CaseReopened));

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Events"] = Servers.Postgres,
            ["ConnectionStrings__RabbitMq"] = Servers.RabbitMq.ToString(),
            ["Auth__SigningKey"] = Tokens.SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        Intake = new ServiceProcess("services/Intake", "Platform.Intake.dll", ServiceProcess.FreePort(),
            new Dictionary<string, string>(common)
            {
                ["EventStore__Schema"] = $"intake_{Guid.NewGuid():N}"[..15],
                ["Consents__ExpiryCheckSeconds"] = "0.5",
                ["Idempotency__PendingSeconds"] = CrashTests.PendingSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        Communications = new ServiceProcess("services/Communications", "Platform.Communications.dll", ServiceProcess.FreePort(),
            new Dictionary<string, string>(common)
            {
                ["EventStore__Schema"] = CommunicationsSchema,
                ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
                ["Webhooks__PollMilliseconds"] = "100",
                ["Webhooks__AuditSeconds"] = "1",
                ["Webhooks__RetrySeconds__0"] = "0",
                ["Webhooks__RetrySeconds__1"] = "0.2",
                ["Webhooks__RetrySeconds__2"] = "0.5",
                ["Webhooks__TimeoutSeconds"] = "2",
                ["Feed__HeartbeatSeconds"] = "1",
            });
        Plans = new ServiceProcess("services/ServicePlan", "Platform.ServicePlan.dll", ServiceProcess.FreePort(),
            new Dictionary<string, string>(common) { ["EventStore__Schema"] = $"plans_{Guid.NewGuid():N}"[..14] });
        Referrals = new ServiceProcess("services/Referral", "Platform.Referral.dll", ServiceProcess.FreePort(),
            new Dictionary<string, string>(common) { ["EventStore__Schema"] = $"refs_{Guid.NewGuid():N}"[..13] });
        Gateway = new ServiceProcess("gateway/Platform.Gateway", "Platform.Gateway.dll", ServiceProcess.FreePort(),
            new Dictionary<string, string>(common)
            {
                ["ReverseProxy__Clusters__intake__Destinations__primary__Address"] = Intake.Url.ToString(),
                ["ReverseProxy__Clusters__communications__Destinations__primary__Address"] = Communications.Url.ToString(),
                ["ReverseProxy__Clusters__plans__Destinations__primary__Address"] = Plans.Url.ToString(),
                ["ReverseProxy__Clusters__referrals__Destinations__primary__Address"] = Referrals.Url.ToString(),
                ["ReverseProxy__Clusters__eligibility__Destinations__primary__Address"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}/",
                ["RateLimiting__PermitsPerSecond"] = PermitsPerSecond.ToString(),
                ["RateLimiting__Burst"] = PermitsPerSecond.ToString(),
            });
        await Task.WhenAll(Intake.StartAsync(), Communications.StartAsync(), Plans.StartAsync(), Referrals.StartAsync(), Gateway.StartAsync());
    }

    /// <summary>A client of the gateway with a token for the agency and role; no token when <paramref name="agency"/> is null.</summary>
    public HttpClient ThroughGateway(string? agency = null, string role = "case-manager")
    {
        var client = new HttpClient { BaseAddress = Gateway.Url };
        if (agency is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    public HttpClient DirectToIntake(string? agency, string role = "case-manager") => Direct(Intake, agency, role);

    public HttpClient DirectToCommunications(string? agency, string role = "case-manager") => Direct(Communications, agency, role);

    private HttpClient Direct(ServiceProcess service, string? agency, string role)
    {
        var client = new HttpClient { BaseAddress = service.Url };
        if (agency is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Communications.DisposeAsync();
        await Plans.DisposeAsync();
        await Referrals.DisposeAsync();
        await Intake.DisposeAsync();
        await Consumer.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
