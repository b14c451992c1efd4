using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST (after the IETF httpapi draft): the first response for a key is stored, in the same
/// transaction as the command's changes, and returned again for a retry with the same request; the same key with another
/// request is refused with 422; a retry while the first is still running gets 409, until that run is older than
/// <c>Idempotency:PendingSeconds</c> with nothing committed, when the retry runs the command. Keys are scoped to the caller's agency.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    /// <summary>How long a key stays "in progress" without an outcome before a retry may run the command again.</summary>
    public const double DefaultPendingSeconds = 30;

    /// <summary>Added to every service's pipeline by <see cref="EventStore.AddEventStore{TMap}"/>, after authorization.</summary>
    internal sealed class Step : IPipelineStep
    {
        public void Apply(WebApplication app) => app.Use(Middleware);
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
        var store = context.RequestServices.GetRequiredService<IDocumentStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var pendingFor = PendingFor(context.RequestServices.GetRequiredService<IConfiguration>());
        var attempt = Guid.CreateVersion7();

        // The lease, committed on its own: a retry meanwhile is told the first is in progress, and once the lease is older than
        // Idempotency:PendingSeconds (its run died before committing anything) a retry takes it over and runs the command.
        await using (var lease = store.LightweightSession())
        {
            await lease.TakeTurnAsync(LockKey(id), context.RequestAborted);
            var previous = await lease.LoadAsync<IdempotentRequest>(id, context.RequestAborted);
            if (previous is not null && !(previous.RequestHash == hash && previous.IsAbandoned(clock.GetUtcNow(), pendingFor)))
            {
                await AnswerRetryAsync(context, previous, hash);
                return;
            }
            lease.Store(new IdempotentRequest { Id = id, RequestHash = hash, ReceivedAt = clock.GetUtcNow(), Attempt = attempt });
            await lease.SaveChangesAsync(context.RequestAborted);
        }

        await using var transaction = await IdempotentTransaction.BeginAsync(
            context.RequestServices.GetRequiredService<NpgsqlDataSource>(), context.RequestAborted);
        context.Features.Set(transaction);
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await transaction.Transaction.RollbackAsync(CancellationToken.None);
            await ReleaseAsync(store, id, attempt);
            throw;
        }
        finally
        {
            context.Response.Body = original;
            context.Features.Set<IdempotentTransaction>(null);
        }

        if (context.Response.StatusCode < 500 && transaction.Saved)
        {
            // The response commits with the command's changes, under the key's turn, and only while this run still holds the lease.
            var session = context.RequestServices.GetRequiredService<IDocumentSession>();
            await session.TakeTurnAsync(LockKey(id), CancellationToken.None);
            var current = await session.LoadAsync<IdempotentRequest>(id, CancellationToken.None);
            if (current?.Attempt != attempt)
            {
                await transaction.Transaction.RollbackAsync(CancellationToken.None);
                context.Response.Clear();
                await ProblemResponses.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                    "A retry with this Idempotency-Key took over; retry again to get its response.");
                return;
            }
            session.Store(new IdempotentRequest
            {
                Id = id,
                RequestHash = hash,
                ReceivedAt = current.ReceivedAt,
                Attempt = attempt,
                Status = context.Response.StatusCode,
                ContentType = context.Response.ContentType,
                Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                Body = buffer.ToArray(),
            });
            await session.SaveChangesAsync(CancellationToken.None);
            await transaction.Transaction.CommitAsync(CancellationToken.None);
        }
        else
        {
            // Nothing applied (refused, not found, failed): the key is free again, so a retry runs the command afresh.
            await transaction.Transaction.RollbackAsync(CancellationToken.None);
            await ReleaseAsync(store, id, attempt);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Frees the key this run leased, unless a retry took it over meanwhile.</summary>
    private static async Task ReleaseAsync(IDocumentStore store, string id, Guid attempt)
    {
        await using var release = store.LightweightSession();
        await release.TakeTurnAsync(LockKey(id), CancellationToken.None);
        if ((await release.LoadAsync<IdempotentRequest>(id, CancellationToken.None))?.Attempt != attempt) return;
        release.Delete<IdempotentRequest>(id);
        await release.SaveChangesAsync(CancellationToken.None);
    }

    private static string LockKey(string id) => $"idempotency/{id}";

    private static TimeSpan PendingFor(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Idempotency:PendingSeconds", DefaultPendingSeconds));

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
