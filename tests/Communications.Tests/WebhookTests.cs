using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class WebhookTests(CommunicationsFixture fixture) : IAsyncLifetime
{
    private readonly string _lead = TestTokens.NewAgency("lead");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_cases_event_reaches_the_lead_agencys_endpoint_as_a_signed_cloudevent_with_its_sequence()
    {
        var (secret, _) = await SubscribeAsync("ok");
        var caseId = await OpenCaseAsync();

        var delivery = await _receiver.WaitForAsync("ok", 1);

        var body = delivery[0].Body;
        var cloudEvent = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("application/cloudevents+json", delivery[0].ContentType);
        Assert.Equal(cloudEvent.GetProperty("id").GetString(), delivery[0].Headers["webhook-id"]);
        Assert.Equal("1", cloudEvent.GetProperty("sequence").GetString());
        Assert.Equal(caseId.ToString(), cloudEvent.GetProperty("partitionkey").GetString());
        var expected = Signature(secret, delivery[0].Headers["webhook-id"], delivery[0].Headers["webhook-timestamp"], body);
        Assert.Contains(expected, delivery[0].Headers["webhook-signature"].Split(' '));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_recorded_and_410_disables_the_subscription()
    {
        _receiver.Answer("flaky", 503, 200);
        _receiver.Answer("gone", 410);
        var (_, flaky) = await SubscribeAsync("flaky");
        var (_, gone) = await SubscribeAsync("gone");
        await OpenCaseAsync();

        await _receiver.WaitForAsync("flaky", 2);
        await _receiver.WaitForAsync("gone", 1);
        var client = fixture.ClientFor(_lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] attempts;
        while ((attempts = (await client.GetFromJsonAsync<JsonElement[]>($"{flaky}/deliveries"))!).Length < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        string status;
        while ((status = (await client.GetFromJsonAsync<JsonElement>(gone)).GetProperty("status").GetString()!) != "disabled"
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(["delivered", "failed"], attempts.Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal("disabled", status);
    }

    [Fact]
    public async Task A_replay_sends_the_deliveries_again_from_a_sequence_with_the_same_numbers()
    {
        var (_, location) = await SubscribeAsync("replayed");
        await OpenCaseAsync();
        await OpenCaseAsync();
        var first = await _receiver.WaitForAsync("replayed", 2);

        var replay = await fixture.ClientFor(_lead).PostAsJsonAsync($"{location}/replay", new { fromSequence = 2 });
        var all = await _receiver.WaitForAsync("replayed", 3);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var again = JsonSerializer.Deserialize<JsonElement>(all[2].Body);
        Assert.Equal("2", again.GetProperty("sequence").GetString());
        Assert.Equal(JsonSerializer.Deserialize<JsonElement>(first[1].Body).GetProperty("id").GetString(), again.GetProperty("id").GetString());
    }

    [Fact]
    public async Task After_a_revocation_no_event_of_the_case_reaches_that_agency_while_the_lead_still_gets_them()
    {
        var shelter = TestTokens.NewAgency("shelter");
        var caseId = Guid.CreateVersion7();
        var consentId = Guid.CreateVersion7();
        var by = new Actor(_lead, "user-0001");
        long version = 0;
        await SubscribeAsync("lead-all");
        await SubscribeAsync("shelter-all", shelter);
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, ++version, DateTimeOffset.UtcNow, by, _lead,
            ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));
        await fixture.PublishAsync(new AgencyJoinedCase(Guid.CreateVersion7(), caseId, ++version, DateTimeOffset.UtcNow, by, shelter, TeamRole.Shelter));
        await fixture.PublishAsync(new ConsentGranted(Guid.CreateVersion7(), caseId, ++version, DateTimeOffset.UtcNow, by, consentId, shelter,
            [InformationCategory.Needs], DateTimeOffset.UtcNow.AddDays(30), ConsentGiver.Client));
        var allowed = Guid.CreateVersion7();
        await fixture.PublishAsync(new NeedsAssessed(allowed, caseId, ++version, DateTimeOffset.UtcNow, by,
            [new NeedLevel(NeedDomain.Housing, Urgency.High)]));
        await WaitForEventAsync("shelter-all", allowed);

        await fixture.PublishAsync(new ConsentRevoked(Guid.CreateVersion7(), caseId, ++version, DateTimeOffset.UtcNow, by, consentId, shelter));
        var refused = Guid.CreateVersion7();
        await fixture.PublishAsync(new NeedsAssessed(refused, caseId, ++version, DateTimeOffset.UtcNow, by,
            [new NeedLevel(NeedDomain.Housing, Urgency.Low)]));
        await WaitForEventAsync("lead-all", refused);
        await Task.Delay(500);

        var shelterGot = (await _receiver.WaitForAsync("shelter-all", 1)).Select(d => Id(d.Body)).ToList();
        Assert.Contains(allowed.ToString(), shelterGot);
        Assert.DoesNotContain(refused.ToString(), shelterGot);
    }

    private static string Id(string body) => JsonSerializer.Deserialize<JsonElement>(body).GetProperty("id").GetString()!;

    private async Task WaitForEventAsync(string name, Guid eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await _receiver.WaitForAsync(name, 1)).Any(d => Id(d.Body) == eventId.ToString()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{eventId} never reached {name}.");
            await Task.Delay(50);
        }
    }

    private async Task<(string Secret, string Location)> SubscribeAsync(string name, string? agency = null)
    {
        var response = await fixture.ClientFor(agency ?? _lead).PostAsJsonAsync("/api/communications/subscriptions", new { url = $"{_receiver.Url}/hooks/{name}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!, response.Headers.Location!.ToString());
    }

    private async Task<Guid> OpenCaseAsync()
    {
        var caseId = Guid.CreateVersion7();
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, new Actor(_lead, "user-0001"), _lead,
            ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));
        return caseId;
    }

    private static string Signature(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>An agency's endpoint on loopback: records what arrives and answers with the statuses it is told.</summary>
    private sealed class WebhookReceiver : IAsyncDisposable
    {
        public sealed record Delivery(string ContentType, Dictionary<string, string> Headers, string Body);

        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> _received = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new();

        private WebhookReceiver(WebApplication app) => _app = app;

        public string Url => _app.Urls.First();

        public static async Task<WebhookReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new WebhookReceiver(app);
            app.MapPost("/hooks/{name}", async (string name, HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                receiver._received.GetOrAdd(name, _ => new()).Enqueue(new Delivery(http.Request.ContentType ?? "",
                    http.Request.Headers.Where(h => h.Key.StartsWith("webhook-")).ToDictionary(h => h.Key, h => h.Value.ToString()), body));
                return Results.StatusCode(receiver._answers.TryGetValue(name, out var answers) && answers.TryDequeue(out var status) ? status : 200);
            });
            await app.StartAsync();
            return receiver;
        }

        public void Answer(string name, params int[] statuses) => _answers[name] = new ConcurrentQueue<int>(statuses);

        public async Task<List<Delivery>> WaitForAsync(string name, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (_received.TryGetValue(name, out var got) && got.Count >= count) return got.ToList();
                await Task.Delay(50);
            }
            throw new TimeoutException($"{name} got {(_received.TryGetValue(name, out var g) ? g.Count : 0)} of {count} deliveries.");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
