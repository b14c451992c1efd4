using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.LoadDriver;

/// <summary>One webhook as received: which case and version it is about, and when it arrived (Stopwatch ticks).</summary>
public readonly record struct Delivery(int Agency, string WebhookId, string Type, Guid CaseId, long CaseVersion, long ReceivedAt);

/// <summary>
/// Takes the platform's webhooks on 127.0.0.1 (a free port), one path per agency (<c>/hooks/{agency}</c>), verifies each
/// Standard Webhooks signature against that agency's secret and records the receipt time. Always answers 204 so the
/// platform never retries: a bad signature is counted, not refused.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, byte[]> _keys = new();
    private readonly ConcurrentDictionary<string, int> _seenIds = new();

    /// <summary>Called for every delivery whose signature verified.</summary>
    public Action<Delivery>? OnDelivery { get; set; }

    public long Received => Interlocked.Read(ref _received);
    public long BadSignatures => Interlocked.Read(ref _badSignatures);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Unparsable => Interlocked.Read(ref _unparsable);
    private long _received, _badSignatures, _duplicates, _unparsable;

    public Uri BaseAddress { get; private set; } = null!;

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{agency:int}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public Uri UrlFor(int agency) => new(BaseAddress, $"hooks/{agency}");

    /// <summary>The subscription's <c>whsec_</c> secret, as the platform answered it once.</summary>
    public void SetSecret(int agency, string secret) =>
        _keys[agency] = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    private async Task<IResult> HandleAsync(int agency, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        var body = buffer.ToArray();
        string id = request.Headers["webhook-id"].ToString(), timestamp = request.Headers["webhook-timestamp"].ToString();
        if (!_keys.TryGetValue(agency, out var key) || !Verify(key, id, timestamp, request.Headers["webhook-signature"].ToString(), body))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.NoContent();
        }
        if (_seenIds.AddOrUpdate($"{agency}/{id}", 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref _duplicates);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var caseId = Guid.Parse(root.GetProperty("partitionkey").GetString()!);
            var type = root.GetProperty("type").GetString()!;
            var version = root.GetProperty("data").GetProperty("caseVersion").GetInt64();
            OnDelivery?.Invoke(new Delivery(agency, id, type, caseId, version, at));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            Interlocked.Increment(ref _unparsable);
        }
        return Results.NoContent();
    }

    /// <summary>Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>id.timestamp.body</c>; any listed signature may match.</summary>
    public static bool Verify(byte[] key, string id, string timestamp, string header, byte[] body)
    {
        if (id.Length == 0 || !long.TryParse(timestamp, out var seconds)) return false;
        if ((DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance) return false;
        var signed = new byte[Encoding.UTF8.GetByteCount(id) + timestamp.Length + 2 + body.Length];
        var n = Encoding.UTF8.GetBytes($"{id}.{timestamp}.", signed);
        body.CopyTo(signed, n);
        var expected = HMACSHA256.HashData(key, signed);
        Span<byte> given = stackalloc byte[64];
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (Convert.TryFromBase64String(part[3..], given, out var length) && length == expected.Length
                && CryptographicOperations.FixedTimeEquals(given[..length], expected))
                return true;
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
