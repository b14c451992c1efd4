namespace Platform.Testing;

/// <summary>A server-sent events client for the tests: opens a stream (optionally with <c>Last-Event-ID</c>) and reads events.</summary>
public sealed class SseStream : IDisposable
{
    public sealed record Event(string Id, string Type, string Data);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public static async Task<SseStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"{path} answered {response.Content.Headers.ContentType}, not text/event-stream.");
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next line, comments included (<c>: connected</c>, <c>: heartbeat</c>).</summary>
    public async Task<string> LineAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("The stream ended.");
    }

    /// <summary>The next event, skipping comments and blank lines.</summary>
    public async Task<Event> NextAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        string? id = null, type = null;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("No event arrived on the stream in time.");
            var line = await LineAsync(left);
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) return new Event(id ?? "", type ?? "", line[6..]);
        }
    }

    /// <summary>Events until <paramref name="stop"/> holds for one (which is included).</summary>
    public async Task<List<Event>> UntilAsync(Func<Event, bool> stop, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var events = new List<Event>();
        while (true)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow);
            events.Add(next);
            if (stop(next)) return events;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
