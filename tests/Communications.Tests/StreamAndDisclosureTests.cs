using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Disclosure;
using Platform.Contracts.Intake;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Communications.Disclosures;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class StreamAndDisclosureTests(CommunicationsFixture fixture)
{
    private readonly Guid _case = Guid.CreateVersion7();
    private readonly string _lead = TestTokens.NewAgency("lead");
    private long _version;

    private async Task<Guid> PublishAsync(Func<Guid, Guid, long, DateTimeOffset, Actor, IIntegrationEvent> make)
    {
        var eventId = Guid.CreateVersion7();
        await fixture.PublishAsync(make(eventId, _case, ++_version, DateTimeOffset.UtcNow, new Actor(_lead, "user-0001")));
        return eventId;
    }

    private Task<Guid> OpenCaseAsync() => PublishAsync((e, c, v, t, a) => new CaseOpened(e, c, v, t, a, _lead, ReferralSource.Hotline,
        ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));

    private Task<Guid> ReportCrisisAsync() => PublishAsync((e, c, v, t, a) => new CrisisReported(e, c, v, t, a, Guid.CreateVersion7(),
        CrisisKind.SafetyThreat, CrisisSeverity.Critical));

    [Fact]
    public async Task A_stream_resumed_with_the_last_event_id_misses_nothing_and_repeats_nothing()
    {
        var client = fixture.ClientFor(_lead);
        var before = new List<Guid>();
        var after = new List<Guid>();
        string lastId;
        using (var first = await SseStream.OpenAsync(client, Stream))
        {
            Assert.Equal(": connected", await first.LineAsync());
            await OpenCaseAsync();
            for (var i = 0; i < 3; i++) before.Add(await ReportCrisisAsync());
            var got = await first.UntilAsync(e => e.Data.Contains(before[1].ToString()));
            Assert.Equal("platform.intake.case-opened", got.First(e => e.Data.Contains(_case.ToString())).Type);
            lastId = got[^1].Id;
        }

        // Disconnected: one event it had not read yet, and more that happen while it is away.
        for (var i = 0; i < 3; i++) after.Add(await ReportCrisisAsync());
        using var resumed = await SseStream.OpenAsync(client, Stream, lastEventId: lastId);
        var rest = await resumed.UntilAsync(e => e.Data.Contains(after[^1].ToString()));

        var ofCase = rest.Where(e => e.Data.Contains(_case.ToString())).Select(e => EventId(e.Data)).ToList();
        Assert.Equal([before[2], .. after], ofCase);
        Assert.All(rest, e => Assert.True(long.Parse(e.Id) > long.Parse(lastId)));
    }

    [Fact]
    public async Task The_stream_says_it_is_alive_with_heartbeats_when_nothing_happens()
    {
        using var stream = await SseStream.OpenAsync(fixture.ClientFor(TestTokens.NewAgency()), Stream);
        Assert.Equal(": connected", await stream.LineAsync());
        string line;
        while ((line = await stream.LineAsync(TimeSpan.FromSeconds(10))).Length == 0)
        {
        }
        Assert.Equal(": heartbeat", line);
    }

    private const string Stream = "/api/communications/feed/stream";

    private static Guid EventId(string data) => JsonSerializer.Deserialize<JsonElement>(data).GetProperty("id").GetGuid();

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
        Assert.Contains(log, d => d.GetProperty("kind").GetString() == "read" && d.GetProperty("what").GetString() == "case" && d.GetProperty("agencyId").GetString() == "agency-reader"
                                  && d.GetProperty("outcome").GetString() == "Refused");
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.ClientFor("agency-reader").GetAsync($"/api/communications/cases/{_case}/disclosures")).StatusCode);
    }

    [Fact]
    public async Task The_disclosure_log_is_a_hash_chain_whose_verification_names_the_first_entry_changed()
    {
        await OpenCaseAsync();
        var lead = fixture.ClientFor(_lead);
        var auditor = fixture.ClientFor(TestTokens.NewAgency("audit"), PlatformRoles.Administrator);
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        DisclosureRecord? original = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await lead.GetStringAsync("/api/communications/feed?after=0&limit=500")).Contains(_case.ToString()) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        while (original is null && DateTime.UtcNow < deadline)
        {
            await using var query = store.QuerySession();
            original = await query.Query<DisclosureRecord>().Where(d => d.CaseId == _case && d.Position != null).FirstOrDefaultAsync();
            if (original is null) await Task.Delay(100);
        }
        Assert.NotNull(original);
        var log = (await lead.GetFromJsonAsync<JsonElement[]>($"/api/communications/cases/{_case}/disclosures"))!;
        Assert.Contains(log, d => d.GetProperty("hash").GetString() == original.Hash && d.GetProperty("previousHash").GetString() == original.PreviousHash);

        var before = await auditor.GetFromJsonAsync<JsonElement>("/api/communications/audit/verify");
        Assert.True(before.GetProperty("intact").GetBoolean(), before.ToString());
        Assert.True(before.GetProperty("verified").GetInt64() >= original.Position);

        try
        {
            await using (var tamper = store.LightweightSession())
            {
                tamper.Update(original with { AgencyId = "agency-someone-else" });
                await tamper.SaveChangesAsync();
            }
            var broken = await auditor.GetFromJsonAsync<JsonElement>("/api/communications/audit/verify");
            Assert.False(broken.GetProperty("intact").GetBoolean());
            Assert.Equal(original.Position, broken.GetProperty("firstBroken").GetProperty("position").GetInt64());
            Assert.Equal(original.Id, broken.GetProperty("firstBroken").GetProperty("entryId").GetGuid());
        }
        finally
        {
            await using var restore = store.LightweightSession();
            restore.Update(original);
            await restore.SaveChangesAsync();
        }
        Assert.True((await auditor.GetFromJsonAsync<JsonElement>("/api/communications/audit/verify")).GetProperty("intact").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/communications/audit/verify")).StatusCode);
    }
}
