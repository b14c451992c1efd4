using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Fuzz.Tests;

/// <summary>
/// Every operation of every service's OpenAPI document, called with the inputs of <see cref="BadInputs"/> by the lead agency's
/// case manager and by an administrator: no answer is a 5xx, and every 4xx is an RFC 9457 problem (application/problem+json).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class EveryOperationTests(FuzzFixture fixture)
{
    public static IEnumerable<object[]> Documents => FuzzFixture.All.Select(s => new object[] { s.Document });

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task No_input_gets_a_server_error_and_every_refusal_is_a_problem(string document)
    {
        var operations = await OperationsAsync(document);
        Assert.NotEmpty(operations);

        var service = fixture.Services[document];
        using var lead = fixture.Client(service, fixture.LeadAgency, "case-manager");
        using var admin = fixture.Client(service, "platform-admin", "administrator");
        var requests = operations.SelectMany(o => BadInputs.For(o, PathValue)).ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests.Select((r, i) => (r, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
        {
            var client = item.i % 3 == 2 ? admin : lead;
            if (await CheckAsync(client, item.r, ct) is { } failure) failures.Add(failure);
        });

        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {requests.Count} requests to {document} were answered wrongly:\n" + string.Join("\n", failures.Order().Take(80)));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Through_the_gateway_no_bad_body_or_value_gets_a_server_error(string document)
    {
        var operations = await OperationsAsync(document);
        using var lead = fixture.Client(fixture.Gateway, fixture.LeadAgency, "case-manager");
        var requests = operations.SelectMany(o => BadInputs.For(o, PathValue))
            .Where(r => !r.Input.StartsWith("body ", StringComparison.Ordinal) || r.Input.Contains("NUL") || r.Input.Contains("null"))
            .ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, ct) =>
        {
            if (await CheckAsync(lead, request, ct) is { } failure) failures.Add(failure);
        });

        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {requests.Count} requests to {document} through the gateway were answered wrongly:\n" +
            string.Join("\n", failures.Order().Take(80)));
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync(string document)
    {
        using var http = new HttpClient { BaseAddress = fixture.Gateway.Url };
        var json = await http.GetStringAsync($"/openapi/{document}.json");
        return OpenApiOperations.Read(JsonNode.Parse(json)!.AsObject());
    }

    private string PathValue(OperationParameter parameter) =>
        parameter.Name == "caseId" ? fixture.CaseId.ToString()
        : parameter.Schema?["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString()
        : parameter.Name.Contains("agency", StringComparison.OrdinalIgnoreCase) ? "agency-fuzz"
        : "1";

    // Kestrel closes a connection after some refusals (a body over the limit); a request that raced onto it is sent once more.
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, FuzzRequest request, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(Message(request), HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            return await client.SendAsync(Message(request), HttpCompletionOption.ResponseHeadersRead, ct);
        }
    }

    private static HttpRequestMessage Message(FuzzRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(name, value);
        // A body over the limit is refused before it is sent, as HTTP/1.1 means it to be, instead of a connection reset mid-upload.
        if (request.Body is { Length: > 64 * 1024 }) message.Headers.ExpectContinue = true;
        return message;
    }

    /// <summary>Null when the answer is right; otherwise what was sent and what came back.</summary>
    private static async Task<string?> CheckAsync(HttpClient client, FuzzRequest request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(client, request, ct);
        }
        catch (HttpRequestException e)
        {
            return $"{request}: no answer ({e.Message})";
        }
        catch (TaskCanceledException)
        {
            return $"{request}: no answer within {client.Timeout.TotalSeconds} s";
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500) return $"{request}: {status}";
            if (status < 400 || (request.RefusedByKestrel && status == 400)) return null;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type != "application/problem+json") return $"{request}: {status} with {type ?? "no content type"}, not a problem";
            try
            {
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
                if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
                    return $"{request}: {status} with a problem whose status is not {status}";
            }
            catch (JsonException)
            {
                return $"{request}: {status} with a problem body that is not JSON";
            }
            return null;
        }
    }
}
