using Microsoft.AspNetCore.Hosting;

namespace Platform.Testing;

public static class ServiceSettings
{
    /// <summary>Points a service under test at the real servers, with the run's signing key and a schema of its own.</summary>
    public static IWebHostBuilder UsePlatformServers(this IWebHostBuilder web, PlatformServers servers, TestTokens tokens, string schemaPrefix) =>
        web.UseSetting("ConnectionStrings:Events", servers.Postgres)
            .UseSetting("ConnectionStrings:RabbitMq", servers.RabbitMq.ToString())
            .UseSetting("Auth:SigningKey", tokens.SigningKey)
            .UseSetting("EventStore:Schema", $"{schemaPrefix}_{Guid.NewGuid():N}"[..(schemaPrefix.Length + 9)]);
}
