using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// Every request carries an <c>X-Correlation-Id</c>: taken from the caller when well-formed, otherwise made here.
/// It is echoed on the response, tagged on the trace, scoped into logs and recorded on every event appended.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";
    private const int MaxLength = 64;
    private static readonly object ItemKey = new();

    public static string CorrelationId(this HttpContext context) =>
        context.Items[ItemKey] as string ?? context.TraceIdentifier;

    internal static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var id = context.Request.Headers[Header].ToString();
        if (!IsWellFormed(id))
        {
            id = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
            context.Request.Headers[Header] = id;
        }
        context.Items[ItemKey] = id;
        // Set late, so that a response proxied from a service keeps the one header it already carries.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.TryAdd(Header, id);
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", id);

        var logger = context.RequestServices.GetService(typeof(ILogger<HttpContext>)) as ILogger;
        using (logger?.BeginScope(new KeyValuePair<string, object>[] { new("CorrelationId", id) }))
        {
            await next(context);
        }
    }

    private static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
