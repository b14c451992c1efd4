using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing;

/// <summary>
/// Agencies' webhook endpoints on loopback (<c>{Url}/hooks/{name}</c>). Every delivery is checked as an agency's
/// system must check it: the Standard Webhooks signature (HMAC-SHA256 of <c>id.timestamp.body</c> with the secret
/// after <c>whsec_</c>, any of the space-separated <c>v1,</c> signatures, constant-time comparison, timestamp within
/// five minutes) and the CloudEvents 1.0 structured-mode attributes. Whatever does not hold is listed in
/// <see cref="Violations"/>. Each endpoint answers with the statuses it is told, in turn, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>An answer that never comes in time: the endpoint holds the request this long, past the sender's timeout.</summary>
    public const int Hang = -1;

    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public sealed record Delivery(DateTimeOffset ReceivedAt, string ContentType, IReadOnlyDictionary<string, string> Headers, string Body,
        int AnsweredWith)
    {
        public JsonElement CloudEvent => JsonSerializer.Deserialize<JsonElement>(Body);
        public string Id => Headers.GetValueOrDefault("webhook-id", "");
        public long Sequence => long.Parse(CloudEvent.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture);
        public string Type => CloudEvent.GetProperty("type").GetString()!;
        public string PartitionKey => CloudEvent.GetProperty("partitionkey").GetString()!;
        public bool Accepted => AnsweredWith is >= 200 and < 300;
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new();
    private readonly ConcurrentDictionary<string, string[]> _secrets = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentQueue<string> _violations = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public string UrlOf(string name) => $"{Url}/hooks/{name}";

    /// <summary>Whatever a delivery got wrong (signature, timestamp, CloudEvents attributes); empty when all held.</summary>
    public IReadOnlyList<string> Violations => _violations.ToList();

    /// <summary>How long a <see cref="Hang"/> answer holds the request.</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(5);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The secrets an endpoint's deliveries must be signed with (one of them suffices, as during a rotation).</summary>
    public void Verify(string name, params string[] secrets) => _secrets[name] = secrets;

    /// <summary>The statuses the endpoint answers with, in turn (<see cref="Hang"/> for no answer in time); 200 after them.</summary>
    public void Answer(string name, params int[] statuses) => _answers[name] = new ConcurrentQueue<int>(statuses);

    /// <summary>How long the endpoint takes before answering each delivery.</summary>
    public void Delay(string name, TimeSpan delay) => _delays[name] = delay;

    public IReadOnlyList<Delivery> Received(string name) => _received.TryGetValue(name, out var got) ? got.ToList() : [];

    /// <summary>Waits until the endpoint has received at least <paramref name="count"/> deliveries (any answer).</summary>
    public Task<IReadOnlyList<Delivery>> WaitForAsync(string name, int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(name, got => got.Count >= count, $"{count} deliveries", timeout);

    public async Task<IReadOnlyList<Delivery>> WaitUntilAsync(string name, Func<IReadOnlyList<Delivery>, bool> done, string what,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var got = Received(name);
            if (done(got)) return got;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} did not get {what} in time; it got {got.Count} deliveries.");
            await Task.Delay(50);
        }
    }

    private async Task<IResult> ReceiveAsync(string name, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var contentType = http.Request.ContentType ?? "";
        foreach (var problem in Check(name, contentType, headers, body)) _violations.Enqueue($"{name}: {problem}");

        if (_delays.TryGetValue(name, out var delay)) await Task.Delay(delay);
        var status = _answers.TryGetValue(name, out var answers) && answers.TryDequeue(out var next) ? next : 200;
        _received.GetOrAdd(name, _ => new()).Enqueue(new Delivery(DateTimeOffset.UtcNow, contentType, headers, body, status));
        if (status == Hang)
        {
            await Task.Delay(HangFor);
            return Results.StatusCode(200);
        }
        return Results.StatusCode(status);
    }

    private IEnumerable<string> Check(string name, string contentType, IReadOnlyDictionary<string, string> headers, string body)
    {
        if (!headers.TryGetValue("webhook-id", out var id) || id.Length == 0) yield return "no webhook-id";
        if (!headers.TryGetValue("webhook-timestamp", out var stamp) || !long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            yield return "no integer webhook-timestamp";
        else if ((DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
            yield return $"webhook-timestamp {stamp} is outside the tolerance";
        if (_secrets.TryGetValue(name, out var secrets) && !SignedByAny(secrets, id, stamp, body, headers.GetValueOrDefault("webhook-signature")))
            yield return $"no valid v1 signature on {id}";

        if (!contentType.StartsWith("application/cloudevents+json", StringComparison.Ordinal)) yield return $"content type {contentType}";
        JsonElement ce;
        try
        {
            ce = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            ce = default;
        }
        if (ce.ValueKind != JsonValueKind.Object)
        {
            yield return "the body is not a JSON object";
            yield break;
        }
        string? Attribute(string attribute) => ce.TryGetProperty(attribute, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Attribute("specversion") != "1.0") yield return "specversion is not 1.0";
        if (string.IsNullOrEmpty(Attribute("id")) || Attribute("id") != id) yield return "the CloudEvent id is not the webhook-id";
        if (!Uri.TryCreate(Attribute("source"), UriKind.RelativeOrAbsolute, out _) || string.IsNullOrEmpty(Attribute("source")))
            yield return "no source URI-reference";
        if (string.IsNullOrEmpty(Attribute("type"))) yield return "no type";
        if (Attribute("time") is { } time && !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return "time is not an RFC 3339 timestamp";
        if (!Guid.TryParse(Attribute("partitionkey"), out _)) yield return "partitionkey is not a case id";
        if (!long.TryParse(Attribute("sequence"), NumberStyles.None, CultureInfo.InvariantCulture, out _)) yield return "sequence is not a number";
    }

    private static bool SignedByAny(string[] secrets, string? id, string? stamp, string body, string? header)
    {
        if (id is null || stamp is null || header is null) return false;
        var content = Encoding.UTF8.GetBytes($"{id}.{stamp}.{body}");
        var offered = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => s[3..])
            .ToList();
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), content);
            foreach (var signature in offered)
            {
                byte[] given;
                try
                {
                    given = Convert.FromBase64String(signature);
                }
                catch (FormatException)
                {
                    continue;
                }
                if (CryptographicOperations.FixedTimeEquals(expected, given)) return true;
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
