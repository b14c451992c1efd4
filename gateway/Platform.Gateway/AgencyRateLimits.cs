using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>
/// A token bucket per agency (<c>RateLimiting:PermitsPerSecond</c>, <c>RateLimiting:Burst</c>): one agency's
/// runaway integration cannot crowd out the others. Refusals are 429 with Retry-After.
/// </summary>
public sealed class AgencyRateLimits
{
    public int PermitsPerSecond { get; set; } = 50;
    public int Burst { get; set; } = 100;
}

public static class AgencyRateLimitsExtensions
{
    public static IServiceCollection AddAgencyRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimiting").Get<AgencyRateLimits>() ?? new AgencyRateLimits();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst(Caller.AgencyClaim)?.Value is { } agency
                    ? RateLimitPartition.GetTokenBucketLimiter(agency, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This agency's request rate is over its limit; retry after {retryAfter} s.");
            };
        });
        return services;
    }
}
