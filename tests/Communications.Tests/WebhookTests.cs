using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

        var delivery = (await _receiver.WaitForAsync("ok", 1))[0];

        Assert.Empty(_receiver.Violations);
        Assert.Equal("application/cloudevents+json", delivery.ContentType);
        Assert.Equal(1, delivery.Sequence);
        Assert.Equal(caseId.ToString(), delivery.PartitionKey);
        Assert.Equal("platform.intake.case-opened", delivery.Type);
        Assert.Contains(Signature(secret, delivery.Id, delivery.Headers["webhook-timestamp"], delivery.Body),
            delivery.Headers["webhook-signature"].Split(' '));
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
        Assert.Equal(2, all[2].Sequence);
        Assert.Equal(first[1].Id, all[2].Id);
        Assert.Empty(_receiver.Violations);
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
        using var stream = await SseStream.OpenAsync(fixture.ClientFor(shelter), "/api/communications/feed/stream");
        Assert.Equal(": connected", await stream.LineAsync());
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

        var shelterGot = _receiver.Received("shelter-all").Select(d => d.Id).ToList();
        Assert.Contains(allowed.ToString(), shelterGot);
        Assert.DoesNotContain(refused.ToString(), shelterGot);

        // The stream and the feed say the same: an event of the shelter's own case, published after, arrives; the refused one never.
        var ownCase = await OpenCaseAsync(shelter);
        var streamed = await stream.UntilAsync(e => e.Data.Contains(ownCase.ToString()));
        Assert.Contains(streamed, e => e.Data.Contains(allowed.ToString()));
        Assert.DoesNotContain(streamed, e => e.Data.Contains(refused.ToString()));
        var feed = await fixture.ClientFor(shelter).GetStringAsync("/api/communications/feed?after=0&limit=500");
        Assert.DoesNotContain(refused.ToString(), feed);
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task An_endpoint_failing_for_a_while_gets_everything_in_order_once_it_recovers_while_another_agency_keeps_receiving()
    {
        var clinic = TestTokens.NewAgency("clinic");
        _receiver.HangFor = TimeSpan.FromSeconds(2);
        _receiver.Answer("failing", 500, 500, WebhookReceiver.Hang, WebhookReceiver.Hang);
        await SubscribeAsync("failing");
        await SubscribeAsync("steady", clinic);
        var cases = new List<Guid>();
        for (var i = 0; i < 4; i++) cases.Add(await OpenCaseAsync());

        await _receiver.WaitForAsync("failing", 3);
        var clinicCase = await OpenCaseAsync(clinic);
        var steady = await _receiver.WaitUntilAsync("steady", got => got.Any(d => d.PartitionKey == clinicCase.ToString()), "its case");
        var failing = await _receiver.WaitUntilAsync("failing", got => got.Count(d => d.Accepted) >= cases.Count, "every event",
            TimeSpan.FromSeconds(60));

        var recovered = failing.First(d => d.Accepted).ReceivedAt;
        Assert.True(steady.Single(d => d.PartitionKey == clinicCase.ToString()).ReceivedAt < recovered,
            "the other agency's delivery waited for the failing endpoint");
        var accepted = failing.Where(d => d.Accepted).ToList();
        Assert.Equal(cases.Select(c => c.ToString()), accepted.Select(d => d.PartitionKey));
        Assert.Equal([1L, 2, 3, 4], accepted.Select(d => d.Sequence));
        Assert.Equal(4, failing.Count(d => !d.Accepted && d.Sequence == 1));
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task After_the_last_attempt_a_delivery_is_a_dead_letter_and_the_next_event_goes()
    {
        _receiver.Answer("dead", 500, 500, 500, 500, 500, 500);
        var (_, location) = await SubscribeAsync("dead");
        var first = await OpenCaseAsync();
        var second = await OpenCaseAsync();

        var got = await _receiver.WaitUntilAsync("dead", all => all.Any(d => d.Accepted), "a delivery it accepts");

        Assert.Equal(6, got.Count(d => d.PartitionKey == first.ToString()));
        var accepted = Assert.Single(got, d => d.Accepted);
        Assert.Equal((second.ToString(), 2L), (accepted.PartitionKey, accepted.Sequence));
        var attempts = (await fixture.ClientFor(_lead).GetFromJsonAsync<JsonElement[]>($"{location}/deliveries"))!;
        Assert.Contains(attempts, a => a.GetProperty("sequence").GetInt64() == 1 && a.GetProperty("outcome").GetString() == "dead-letter");
    }

    [Fact]
    public async Task During_a_secret_rotation_each_delivery_is_signed_with_the_old_and_the_new_secret()
    {
        var (old, location) = await SubscribeAsync("rotated");
        var rotated = await fixture.ClientFor(_lead).PostAsync($"{location}/secret/rotation", null);
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        _receiver.Verify("rotated", fresh);
        await OpenCaseAsync();

        var delivery = (await _receiver.WaitForAsync("rotated", 1))[0];

        var signatures = delivery.Headers["webhook-signature"].Split(' ');
        Assert.Contains(Signature(old, delivery.Id, delivery.Headers["webhook-timestamp"], delivery.Body), signatures);
        Assert.Contains(Signature(fresh, delivery.Id, delivery.Headers["webhook-timestamp"], delivery.Body), signatures);
        Assert.Empty(_receiver.Violations);
    }

    private Task WaitForEventAsync(string name, Guid eventId) =>
        _receiver.WaitUntilAsync(name, got => got.Any(d => d.Id == eventId.ToString() && d.Accepted), $"event {eventId}");

    private async Task<(string Secret, string Location)> SubscribeAsync(string name, string? agency = null)
    {
        var response = await fixture.ClientFor(agency ?? _lead).PostAsJsonAsync("/api/communications/subscriptions", new { url = _receiver.UrlOf(name) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var secret = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        _receiver.Verify(name, secret);
        return (secret, response.Headers.Location!.ToString());
    }

    private async Task<Guid> OpenCaseAsync(string? lead = null)
    {
        var caseId = Guid.CreateVersion7();
        lead ??= _lead;
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, new Actor(lead, "user-0001"), lead,
            ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));
        return caseId;
    }

    private static string Signature(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
