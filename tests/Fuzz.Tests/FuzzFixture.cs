using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Fuzz.Tests;

/// <summary>
/// Every service and the gateway as processes on the real PostgreSQL and RabbitMQ, as <c>deploy/up.sh</c> runs them,
/// and one open case of the lead agency so that case routes reach the endpoints' own logic rather than stopping at 404.
/// </summary>
public sealed class FuzzFixture : IAsyncLifetime
{
    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public string LeadAgency { get; } = TestTokens.NewAgency("fuzz-lead");
    public IReadOnlyDictionary<string, ServiceProcess> Services { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;
    public Guid CaseId { get; private set; }

    /// <summary>Each service's OpenAPI document name as the gateway serves it, and where the service lives in the checkout.</summary>
    public static readonly IReadOnlyList<(string Document, string Project, string Dll, string Cluster)> All =
    [
        ("intake", "services/Intake", "Platform.Intake.dll", "intake"),
        ("plans", "services/ServicePlan", "Platform.ServicePlan.dll", "plans"),
        ("referrals", "services/Referral", "Platform.Referral.dll", "referrals"),
        ("eligibility", "services/Eligibility", "Platform.Eligibility.dll", "eligibility"),
        ("communications", "services/Communications", "Platform.Communications.dll", "communications"),
    ];

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Events"] = Servers.Postgres,
            ["ConnectionStrings__RabbitMq"] = Servers.RabbitMq.ToString(),
            ["Auth__SigningKey"] = Tokens.SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Services = All.ToDictionary(s => s.Document, s => new ServiceProcess(s.Project, s.Dll, ServiceProcess.FreePort(),
            new Dictionary<string, string>(common) { ["EventStore__Schema"] = $"fz{s.Document[..4]}_{Guid.NewGuid():N}"[..15] }));
        var gateway = new Dictionary<string, string>(common)
        {
            ["RateLimiting__PermitsPerSecond"] = "1000",
            ["RateLimiting__Burst"] = "1000",
        };
        foreach (var s in All)
            gateway[$"ReverseProxy__Clusters__{s.Cluster}__Destinations__primary__Address"] = Services[s.Document].Url.ToString();
        Gateway = new ServiceProcess("gateway/Platform.Gateway", "Platform.Gateway.dll", ServiceProcess.FreePort(), gateway);
        await Task.WhenAll(Services.Values.Select(s => s.StartAsync()).Append(Gateway.StartAsync()));

        using var lead = Client(Services["intake"], LeadAgency, "case-manager");
        var opened = await lead.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = false,
        });
        opened.EnsureSuccessStatusCode();
        CaseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public HttpClient Client(ServiceProcess target, string agency, string role)
    {
        var client = new HttpClient { BaseAddress = target.Url, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var service in Services.Values) await service.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzFixture>
{
    public const string Name = "fuzz";
}
