using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Platform.Communications.Ledger;
using Platform.ServiceDefaults;

namespace Platform.Communications.Feed;

/// <summary>
/// The feed as server-sent events: each CloudEvent with its ledger position as the event id, so a client that
/// reconnects with <c>Last-Event-ID</c> resumes right after the last event it got. Without one it starts at
/// <c>after</c>, or at the newest position. A comment line every <c>Feed:HeartbeatSeconds</c> keeps proxies from
/// closing a quiet stream; nothing is buffered on the way.
/// </summary>
public static class FeedStreamEndpoint
{
    private const int Batch = 100;

    public static async Task Handle(HttpContext http, IDocumentStore store, TimeProvider clock, IConfiguration configuration,
        LedgerSignal ledger, long? after = null)
    {
        var ct = http.RequestAborted;
        var caller = http.Caller();
        var heartbeat = TimeSpan.FromSeconds(configuration.GetValue("Feed:HeartbeatSeconds", 15.0));
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Feed:PollMilliseconds", 250.0));

        long cursor;
        if (long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resume))
            cursor = resume;
        else if (after is >= 0)
            cursor = after.Value;
        else
        {
            await using var query = store.QuerySession();
            cursor = await FeedReader.EndAsync(query, ct);
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        var quietSince = clock.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = ledger.Next;
                await using var session = store.LightweightSession();
                var (items, next) = await FeedReader.ReadAsync(session, caller, cursor, Batch, clock.GetUtcNow(), "stream", ct);
                cursor = next;
                foreach (var entry in items)
                {
                    var json = JsonSerializer.Serialize(CloudEvent.Of(entry), PlatformJson.Options);
                    await http.Response.WriteAsync($"id: {entry.Id}\nevent: {entry.Type}\ndata: {json}\n\n", ct);
                }
                if (items.Count > 0)
                {
                    await http.Response.Body.FlushAsync(ct);
                    quietSince = clock.GetUtcNow();
                    continue;
                }
                if (clock.GetUtcNow() - quietSince >= heartbeat)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    quietSince = clock.GetUtcNow();
                }
                await LedgerSignal.WaitAsync(wake, poll, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; it resumes with Last-Event-ID.
        }
    }
}
