using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Console.Auth;
using Platform.ServiceDefaults;

namespace Platform.Console.Api;

/// <summary>
/// The console's one way to the platform: the public API through the gateway, as the signed-in person (their bearer
/// token from the session). Every answer comes back as an <see cref="ApiResult{T}"/>; nothing here throws for a problem.
/// </summary>
public sealed class PlatformApi(IHttpClientFactory clients, AuthenticationStateProvider authentication, ILogger<PlatformApi> logger)
{
    public const string ClientName = "gateway";
    public const string StreamClientName = "gateway-stream";

    public static readonly JsonSerializerOptions Json = PlatformJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, ct);

    public Task<ApiResult<Nothing>> PostAsync(string path, object? body, CancellationToken ct = default) =>
        SendAsync<Nothing>(HttpMethod.Post, path, body, ct);

    public Task<ApiResult<Nothing>> DeleteAsync(string path, CancellationToken ct = default) =>
        SendAsync<Nothing>(HttpMethod.Delete, path, null, ct);

    /// <summary>The feed stream (server-sent events) as the signed-in person; the caller reads and disposes it.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken ct, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        await AuthorizeAsync(request);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await clients.CreateClient(StreamClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        await AuthorizeAsync(request);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (method == HttpMethod.Post) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var value = typeof(T) == typeof(Nothing) || response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, ct);
                return new ApiResult<T>(response.StatusCode, value, null);
            }
            var problem = await ProblemOf(response, ct);
            // The method and status only: a path names a case, and log lines carry no case data.
            logger.LogInformation("Platform answered {Status} to a {Method}", (int)response.StatusCode, method.Method);
            return new ApiResult<T>(response.StatusCode, default, problem);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The gateway did not answer a {Method}: {Error}", method.Method, e.GetType().Name);
            return new ApiResult<T>(HttpStatusCode.ServiceUnavailable, default, ApiProblem.Unreachable);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (SessionToken.TokenOf(state.User) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static async Task<ApiProblem> ProblemOf(HttpResponseMessage response, CancellationToken ct)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var document = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    fields[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray()
                        : [field.Value.ToString()];
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a problem document (a proxy's page): the status alone decides the sentence.
        }
        int? retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)Math.Ceiling(delta.TotalSeconds) : null;
        return new ApiProblem(response.StatusCode, ApiProblem.SentenceFor(response.StatusCode, fields.Count > 0), fields, retryAfter);
    }
}

/// <summary>The value of a call that answers no body.</summary>
public sealed record Nothing;
