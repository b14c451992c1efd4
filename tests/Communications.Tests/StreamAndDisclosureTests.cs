using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class StreamAndDisclosureTests(CommunicationsFixture fixture)
{
    private readonly Guid _case = Guid.CreateVersion7();
    private readonly string _lead = TestTokens.NewAgency("lead");
    private long _version;

    private async Task PublishAsync(Func<Guid, Guid, long, DateTimeOffset, Actor, IIntegrationEvent> make) =>
        await fixture.PublishAsync(make(Guid.CreateVersion7(), _case, ++_version, DateTimeOffset.UtcNow, new Actor(_lead, "user-0001")));

    private Task OpenCaseAsync() => PublishAsync((e, c, v, t, a) => new CaseOpened(e, c, v, t, a, _lead, ReferralSource.Hotline,
        ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));

    private Task ReportCrisisAsync() => PublishAsync((e, c, v, t, a) => new CrisisReported(e, c, v, t, a, Guid.CreateVersion7(),
        CrisisKind.SafetyThreat, CrisisSeverity.Critical));

    [Fact]
    public async Task The_stream_sends_new_events_as_they_arrive_and_resumes_after_the_last_event_id()
    {
        var client = fixture.ClientFor(_lead);
        string lastId;
        using (var first = await OpenStreamAsync(client, lastEventId: null))
        {
            await OpenCaseAsync();
            var (id, type) = await NextEventForCaseAsync(first);
            Assert.Equal("platform.intake.case-opened", type);
            lastId = id;
        }

        await ReportCrisisAsync();
        using var resumed = await OpenStreamAsync(client, lastEventId: lastId);
        var (_, next) = await NextEventForCaseAsync(resumed);

        Assert.Equal("platform.intake.crisis-reported", next);
    }

    [Fact]
    public async Task The_disclosure_log_shows_the_lead_every_delivery_and_every_read_of_the_case()
    {
        await OpenCaseAsync();
        await PublishAsync((e, c, v, t, a) => new CaseDataRead(e, c, 0, t, new Actor("agency-reader", "user-0002"), "case",
            [InformationCategory.Needs], ReadOutcome.Refused));
        var lead = fixture.ClientFor(_lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] log = [];
        while (DateTime.UtcNow < deadline)
        {
            await lead.GetAsync("/api/communications/feed?after=0&limit=500");
            var response = await lead.GetAsync($"/api/communications/cases/{_case}/disclosures");
            if (response.StatusCode == HttpStatusCode.OK) log = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
            if (log.Any(d => d.GetProperty("kind").GetString()!.StartsWith("delivery")) && log.Any(d => d.GetProperty("kind").GetString()!.StartsWith("read")))
                break;
            await Task.Delay(200);
        }

        Assert.Contains(log, d => d.GetProperty("kind").GetString() == "delivery:feed" && d.GetProperty("agencyId").GetString() == _lead);
        Assert.Contains(log, d => d.GetProperty("kind").GetString() == "read:disclosure" && d.GetProperty("agencyId").GetString() == "agency-reader"
                                  && d.GetProperty("outcome").GetString() == "Refused");
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.ClientFor("agency-reader").GetAsync($"/api/communications/cases/{_case}/disclosures")).StatusCode);
    }

    private static async Task<SseReader> OpenStreamAsync(HttpClient client, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/communications/feed/stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal(": connected", await reader.LineAsync());
        return reader;
    }

    /// <summary>Reads events until one of this test's case arrives: its id and type.</summary>
    private async Task<(string Id, string Type)> NextEventForCaseAsync(SseReader sse)
    {
        string? id = null, type = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var line = await sse.LineAsync();
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) type = line[7..];
            else if (line.StartsWith("data: ") && line.Contains(_case.ToString())) return (id!, type!);
        }
        throw new TimeoutException("No event of the case arrived on the stream within 30 s.");
    }

    private sealed class SseReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<string> LineAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
