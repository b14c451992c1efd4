using System.Net.Http.Headers;
using Microsoft.Playwright;
using Npgsql;
using Platform.Testing;

namespace Platform.Console.Tests;

/// <summary>
/// The whole platform as <c>deploy/up.sh</c> runs it (every service, the console and the gateway as processes on the real
/// PostgreSQL and RabbitMQ), and one headless Debian Chromium for every test. The console tests have their own database and
/// vhost (the given ones with <c>_console</c> / <c>-console</c> added), so they never meet other test projects' data.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public PlatformServers Servers { get; } = new();
    public TestTokens Tokens { get; } = new();
    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>A second console whose sessions end after six idle seconds (the warning after three), for the timeout test.</summary>
    public ServiceProcess ShortSessionConsole { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public List<string> ViolationsSeen { get; } = [];

    private readonly List<ServiceProcess> _services = [];
    private IPlaywright? _playwright;

    public static string ResultsDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("PLATFORM_TEST_RESULTS") is { Length: > 0 } results ? results : AppContext.BaseDirectory,
        "console-screenshots");

    public async Task InitializeAsync()
    {
        await UseOwnDatabaseAndVhostAsync();
        await Servers.InitializeAsync();
        await Servers.PurgeLedgerAsync();

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Events"] = Servers.Postgres,
            ["ConnectionStrings__RabbitMq"] = Servers.RabbitMq.ToString(),
            ["Auth__SigningKey"] = Tokens.SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        ServiceProcess Service(string project, string dll, string schema, Dictionary<string, string>? extra = null)
        {
            var environment = new Dictionary<string, string>(common) { ["EventStore__Schema"] = $"{schema}_{Guid.NewGuid():N}"[..(schema.Length + 9)] };
            foreach (var (key, value) in extra ?? []) environment[key] = value;
            var process = new ServiceProcess(project, dll, ServiceProcess.FreePort(), environment);
            _services.Add(process);
            return process;
        }
        var intake = Service("services/Intake", "Platform.Intake.dll", "intake");
        var communications = Service("services/Communications", "Platform.Communications.dll", "comms",
            new() { ["Feed__HeartbeatSeconds"] = "1" });
        var plans = Service("services/ServicePlan", "Platform.ServicePlan.dll", "plans");
        var referrals = Service("services/Referral", "Platform.Referral.dll", "refs");
        var eligibility = Service("services/Eligibility", "Platform.Eligibility.dll", "elig");
        var gatewayPort = ServiceProcess.FreePort();
        var console = new ServiceProcess("services/Console", "Platform.Console.dll", ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = Tokens.SigningKey,
            // Not Production: the development sign-in exists only outside it.
            ["ASPNETCORE_ENVIRONMENT"] = "Local",
            ["Console__GatewayUrl"] = $"http://127.0.0.1:{gatewayPort}/",
            ["Console__LiveReconnectSeconds"] = "0.5",
        });
        _services.Add(console);
        ShortSessionConsole = new ServiceProcess("services/Console", "Platform.Console.dll", ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = Tokens.SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Local",
            ["Console__GatewayUrl"] = $"http://127.0.0.1:{gatewayPort}/",
            ["Console__IdleMinutes"] = "0.1",
            ["Console__WarningMinutes"] = "0.05",
        });
        _services.Add(ShortSessionConsole);
        Gateway = new ServiceProcess("gateway/Platform.Gateway", "Platform.Gateway.dll", gatewayPort, new Dictionary<string, string>(common)
        {
            ["ReverseProxy__Clusters__intake__Destinations__primary__Address"] = intake.Url.ToString(),
            ["ReverseProxy__Clusters__communications__Destinations__primary__Address"] = communications.Url.ToString(),
            ["ReverseProxy__Clusters__plans__Destinations__primary__Address"] = plans.Url.ToString(),
            ["ReverseProxy__Clusters__referrals__Destinations__primary__Address"] = referrals.Url.ToString(),
            ["ReverseProxy__Clusters__eligibility__Destinations__primary__Address"] = eligibility.Url.ToString(),
            ["ReverseProxy__Clusters__console__Destinations__primary__Address"] = console.Url.ToString(),
        });
        _services.Add(Gateway);

        var launching = LaunchBrowserAsync();
        await Task.WhenAll(_services.Select(s => s.StartAsync(TimeSpan.FromSeconds(90))));
        Browser = await launching;
        Directory.CreateDirectory(ResultsDirectory);
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("PLATFORM_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"No Chromium at {executable}: run deploy/infra-up.sh (it installs Debian's chromium).");
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Chromium's sandbox refuses to run as root (CI containers).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>A client of the gateway with a token, for what a test sets up or checks outside the browser.</summary>
    public HttpClient ThroughGateway(string agency, string role = "case-manager")
    {
        var client = new HttpClient { BaseAddress = Gateway.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(agency, role));
        return client;
    }

    /// <summary>Derives this project's database and vhost from PLATFORM_TEST_POSTGRES / PLATFORM_TEST_RABBITMQ and creates them.</summary>
    private static async Task UseOwnDatabaseAndVhostAsync()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres);
            if (builder.Database is { } database && !database.Contains("console", StringComparison.Ordinal))
                builder.Database = database + "_console";
            var wanted = builder.Database!;
            var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false };
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
                exists.Parameters.AddWithValue("name", wanted);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"create database \"{wanted.Replace("\"", "\"\"")}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }
            }
            Environment.SetEnvironmentVariable("PLATFORM_TEST_POSTGRES", builder.ConnectionString);
        }
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ") is { Length: > 0 } rabbit)
        {
            var uri = new UriBuilder(rabbit);
            var vhost = Uri.UnescapeDataString(uri.Path.TrimStart('/'));
            if (!vhost.Contains("console", StringComparison.Ordinal)) vhost = (vhost.Length == 0 ? "platform" : vhost) + "-console";
            uri.Path = "/" + Uri.EscapeDataString(vhost);
            await CreateVhostAsync(uri, vhost);
            Environment.SetEnvironmentVariable("PLATFORM_TEST_RABBITMQ", uri.Uri.ToString());
        }
    }

    /// <summary>Through the management API (the HTTP port, PLATFORM_TEST_RABBITMQ_MANAGEMENT_PORT, 15672 by default).</summary>
    private static async Task CreateVhostAsync(UriBuilder amqp, string vhost)
    {
        var port = Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ_MANAGEMENT_PORT") ?? "15672";
        var user = Uri.UnescapeDataString(amqp.UserName);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{amqp.Host}:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{Uri.UnescapeDataString(amqp.Password)}")));
        var name = Uri.EscapeDataString(vhost);
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var service in Enumerable.Reverse(_services)) await service.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
