using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every check tagged <see cref="Ready"/>
/// (PostgreSQL, RabbitMQ) passes. Both exist in every environment and need no token.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            // Which dependency is down, and what it said: enough for an operator to know where to look.
            down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
                .Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message })
                .ToList(),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
