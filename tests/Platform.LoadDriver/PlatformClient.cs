using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.LoadDriver;

/// <summary>One agency of the benchmark: its token, its subscription and the cases it leads (with their current version).</summary>
public sealed class Agency(int index, string id, string token)
{
    public int Index { get; } = index;
    public string Id { get; } = id;
    public string Token { get; } = token;
    public Guid SubscriptionId { get; set; }
    public List<BenchCase> Cases { get; } = [];
}

public sealed class BenchCase(Guid id, Agency agency)
{
    public Guid Id { get; } = id;
    public Agency Agency { get; } = agency;
    public long Version { get; set; } = 1;

    /// <summary>One command at a time per case, so If-Match always carries the version the previous command produced.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);
}

/// <summary>The calls the benchmark makes, against the gateway or a service directly (same paths).</summary>
public static class PlatformClient
{
    public static HttpClient Create(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static readonly string[] Domains = ["housing", "legal", "medical", "safety", "employment", "benefits"];
    private static readonly string[] Urgencies = ["low", "moderate", "high", "urgent"];

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null, long? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }
        if (ifMatch is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return request;
    }

    public static async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient http, Agency agency, Uri url, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "api/communications/subscriptions", agency.Token,
            new { url = url.ToString(), description = $"load driver, agency {agency.Index}" });
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.Created, "subscribing");
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return (view.GetProperty("id").GetGuid(), view.GetProperty("secret").GetString()!);
    }

    public static async Task PauseAsync(HttpClient http, Agency agency, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"api/communications/subscriptions/{agency.SubscriptionId}/pause", agency.Token);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.NoContent, "pausing a subscription");
    }

    public static async Task<Guid> OpenCaseAsync(HttpClient http, Agency agency, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "api/intake/cases", agency.Token, new
        {
            referralSource = "hotline",
            clientCategory = "foreign-national",
            ageGroup = "adult",
            traffickingType = "labor",
            preferredLanguage = "es",
            interpreterNeeded = true,
        });
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, HttpStatusCode.Created, "opening a case");
        var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException("opening a case: no Location");
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>A needs (re)assessment at the case's current version: 204 with the new version as ETag.</summary>
    public static async Task<(HttpStatusCode Status, long? Version)> AssessAsync(HttpClient http, BenchCase c, int seed, CancellationToken ct)
    {
        var body = new
        {
            needs = new[]
            {
                new { domain = Domains[seed % Domains.Length], urgency = Urgencies[seed % Urgencies.Length] },
                new { domain = "interpretation", urgency = Urgencies[(seed / 7) % Urgencies.Length] },
            },
            strengths = new[] { "determined" },
        };
        using var request = Request(HttpMethod.Post, $"api/intake/cases/{c.Id}/assessments", c.Agency.Token, body, c.Version);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return (response.StatusCode, ParseVersion(response.Headers.ETag));
    }

    public static async Task<HttpStatusCode> ReadCaseAsync(HttpClient http, BenchCase c, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"api/intake/cases/{c.Id}", c.Agency.Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.StatusCode;
    }

    private static long? ParseVersion(EntityTagHeaderValue? etag) =>
        etag is not null && long.TryParse(etag.Tag.Trim('"'), out var v) ? v : null;

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode == expected) return;
        var text = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
    }
}
