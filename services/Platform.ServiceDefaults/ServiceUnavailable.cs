using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>503 with Retry-After as a problem: what a client sees whenever a dependency (PostgreSQL, RabbitMQ, a service) is down.</summary>
public static class ServiceUnavailable
{
    /// <summary>Seconds a client should wait before retrying: a restarting dependency is usually back within that.</summary>
    public const int RetryAfterSeconds = 5;

    public static Task WriteAsync(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"{detail} Nothing was half-applied: retry in {RetryAfterSeconds} seconds, with the same Idempotency-Key for a POST.");
    }
}
