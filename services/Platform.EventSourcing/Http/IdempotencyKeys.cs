using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST (after the IETF httpapi draft): the first response for a key is stored and
/// returned again for a retry with the same request; the same key with another request is refused with 422;
/// a retry while the first is still running gets 409. Keys are scoped to the caller's agency.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.Use(Middleware);
        return app;
    }

    private static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var key = context.Request.Headers[Header].ToString();
        var agency = context.User.FindFirst(Caller.AgencyClaim)?.Value;
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || agency is null)
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                $"The key must be 1 to {MaxKeyLength} visible ASCII characters.",
                new Dictionary<string, string[]> { [Header] = ["Use a unique value such as a UUID."] });
            return;
        }

        var id = $"{agency}/{key}";
        var hash = await HashAsync(context.Request);
        var session = context.RequestServices.GetRequiredService<IDocumentSession>();
        var previous = await session.LoadAsync<IdempotentRequest>(id, context.RequestAborted);
        if (previous is not null)
        {
            await AnswerRetryAsync(context, previous, hash);
            return;
        }

        // Pending, committed together with whatever the endpoint saves: a second attempt can never apply it again.
        var request = new IdempotentRequest { Id = id, RequestHash = hash, ReceivedAt = DateTimeOffset.UtcNow };
        session.Insert(request);

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (DocumentAlreadyExistsException e) when (e.DocType == typeof(IdempotentRequest))
        {
            context.Response.Body = original;
            await ProblemResponses.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                "Another request with this Idempotency-Key is being processed; retry later to get its response.");
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode < 500)
        {
            request.Status = context.Response.StatusCode;
            request.ContentType = context.Response.ContentType;
            request.Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
            request.ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null;
            request.Body = buffer.ToArray();
            var store = context.RequestServices.GetRequiredService<IDocumentStore>();
            await using var completion = store.LightweightSession();
            completion.Store(request);
            await completion.SaveChangesAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerRetryAsync(HttpContext context, IdempotentRequest previous, string hash)
    {
        if (previous.RequestHash != hash)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request.",
                new Dictionary<string, string[]> { [Header] = ["Already used with another request body."] });
            return;
        }
        if (previous.Status is not { } status)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                "The first request with this Idempotency-Key has not finished; retry later to get its response.");
            return;
        }
        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (previous.ContentType is not null) context.Response.ContentType = previous.ContentType;
        if (previous.Location is not null) context.Response.Headers.Location = previous.Location;
        if (previous.ETag is not null) context.Response.Headers.ETag = previous.ETag;
        if (previous.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>What makes two requests "the same": method, path, query, If-Match and body.</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.Headers.IfMatch}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
