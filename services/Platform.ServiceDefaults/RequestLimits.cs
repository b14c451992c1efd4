using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.ServiceDefaults;

/// <summary>
/// The largest request body a platform endpoint accepts (<c>Limits:MaxRequestBodyBytes</c>, 256 KiB by default).
/// A declared length over it is refused before anything is read; a chunked body is cut off by the server's own limit.
/// </summary>
public sealed class RequestLimits
{
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    internal static Func<HttpContext, RequestDelegate, Task> Middleware(long limit) => async (context, next) =>
    {
        if (context.Request.ContentLength > limit)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body may be at most {limit} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        await next(context);
    };
}
