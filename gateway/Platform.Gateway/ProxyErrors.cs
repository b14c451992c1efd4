using Platform.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway;

/// <summary>
/// Turns proxying failures into problem details: a service that is down or not deployed yet is 503,
/// a body over the limit is 413, a service too slow to answer is 504.
/// </summary>
internal static class ProxyErrors
{
    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        context.Response.Clear();
        switch (error.Error)
        {
            case ForwarderError.RequestBodyClient when error.Exception is BadHttpRequestException { StatusCode: 413 }:
                await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    "The body is larger than the platform accepts.");
                break;
            case ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled:
                await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Request not completed",
                    "The request body could not be read.");
                break;
            case ForwarderError.RequestTimedOut:
                context.Response.Headers.RetryAfter = ServiceUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Service timed out",
                    "The service did not answer in time; retry with the same Idempotency-Key.");
                break;
            default:
                await ServiceUnavailable.WriteAsync(context, "The service behind this route is not running or not reachable.");
                break;
        }
    }
}
