using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Communications.Tests;

/// <summary>Communications on the real servers, fed by integration events published as Intake publishes them.</summary>
public sealed class CommunicationsFixture() : ServiceFixture<Program>("comms")
{
    protected override Task BeforeStartAsync() => Servers.PurgeLedgerAsync();

    protected override void Configure(IWebHostBuilder web) => web
        .UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1")
        .UseSetting("Webhooks:RetrySeconds:0", "0")
        .UseSetting("Webhooks:RetrySeconds:1", "0.2")
        .UseSetting("Webhooks:RetrySeconds:2", "0.2")
        .UseSetting("Webhooks:RetrySeconds:3", "0.5")
        .UseSetting("Webhooks:RetrySeconds:4", "0.5")
        .UseSetting("Webhooks:RetrySeconds:5", "1")
        .UseSetting("Webhooks:TimeoutSeconds", "1")
        .UseSetting("Webhooks:PollMilliseconds", "100")
        .UseSetting("Feed:HeartbeatSeconds", "1")
        .UseSetting("Notifications:CheckSeconds", "0.2")
        .UseSetting("Disclosures:SealMilliseconds", "200");
}

/// <summary>One Communications instance for all tests: two would compete for the one ledger queue.</summary>
[CollectionDefinition(Name)]
public sealed class CommunicationsCollection : ICollectionFixture<CommunicationsFixture>
{
    public const string Name = "communications";
}

[Collection(CommunicationsCollection.Name)]
public sealed class FeedAndTimelineTests(CommunicationsFixture fixture)
{
    private readonly Guid _case = Guid.CreateVersion7();
    private readonly string _lead = TestTokens.NewAgency("lead");
    private readonly string _shelter = TestTokens.NewAgency("shelter");
    private long _version;

    private Actor By => new(_lead, "user-0001");

    private (Guid, Guid, long, DateTimeOffset, Actor) Next() => (Guid.CreateVersion7(), _case, ++_version, DateTimeOffset.UtcNow, By);

    [Fact]
    public async Task An_agency_feed_carries_a_cases_events_only_while_consent_covers_their_category()
    {
        var consentId = Guid.CreateVersion7();
        await PublishCaseWithTeamAsync(consentId);
        var (e1, c1, v1, t1, a1) = Next();
        await fixture.PublishAsync(new NeedsAssessed(e1, c1, v1, t1, a1, [new NeedLevel(NeedDomain.Housing, Urgency.Urgent)]));
        var (e2, c2, v2, t2, a2) = Next();
        await fixture.PublishAsync(new CaseManagerAssigned(e2, c2, v2, t2, a2, "cm-0001"));

        var lead = await WaitForFeedAsync(_lead, 5);
        var shelter = await FeedForCaseAsync(_shelter);

        Assert.Equal(["case-opened", "agency-joined-case", "consent-granted", "needs-assessed", "case-manager-assigned"],
            lead.Select(TypeName));
        Assert.Equal(["case-opened", "needs-assessed"], shelter.Select(TypeName));
        Assert.All(lead, e =>
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal(_case.ToString(), e.GetProperty("partitionkey").GetString());
        });
        Assert.Equal("urgent", shelter[1].GetProperty("data").GetProperty("needs")[0].GetProperty("urgency").GetString());

        var (e3, c3, v3, t3, a3) = Next();
        await fixture.PublishAsync(new ConsentRevoked(e3, c3, v3, t3, a3, consentId, _shelter));
        await WaitForFeedAsync(_lead, 6);
        Assert.Empty(await FeedForCaseAsync(_shelter));
    }

    [Fact]
    public async Task The_timeline_gives_the_lead_every_event_in_order_and_everyone_else_404()
    {
        await PublishCaseWithTeamAsync(Guid.CreateVersion7());
        await WaitForFeedAsync(_lead, 3);

        var timeline = await fixture.ClientFor(_lead).GetFromJsonAsync<JsonElement[]>($"/api/communications/cases/{_case}/timeline");
        var shelter = await fixture.ClientFor(_shelter).GetAsync($"/api/communications/cases/{_case}/timeline");
        var audit = await fixture.ClientFor("platform-audit", PlatformRoles.Administrator).GetAsync($"/api/communications/cases/{_case}/timeline");

        Assert.Equal(["case-opened", "agency-joined-case", "consent-granted"], timeline!.Select(TypeName));
        Assert.Equal(HttpStatusCode.NotFound, shelter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    private async Task PublishCaseWithTeamAsync(Guid consentId)
    {
        var (e0, c0, v0, t0, a0) = Next();
        await fixture.PublishAsync(new CaseOpened(e0, c0, v0, t0, a0, _lead, ReferralSource.Hotline, ClientCategory.ForeignNational,
            AgeGroup.Adult, TraffickingType.Labor, "es", true));
        var (e1, c1, v1, t1, a1) = Next();
        await fixture.PublishAsync(new AgencyJoinedCase(e1, c1, v1, t1, a1, _shelter, TeamRole.Shelter));
        var (e2, c2, v2, t2, a2) = Next();
        await fixture.PublishAsync(new ConsentGranted(e2, c2, v2, t2, a2, consentId, _shelter, [InformationCategory.Needs],
            DateTimeOffset.UtcNow.AddDays(30), ConsentGiver.Client));
    }

    private static string TypeName(JsonElement e) => e.GetProperty("type").GetString()!["platform.intake.".Length..];

    private async Task<List<JsonElement>> WaitForFeedAsync(string agency, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> items;
        while ((items = await FeedForCaseAsync(agency)).Count < count && DateTime.UtcNow < deadline) await Task.Delay(100);
        return items;
    }

    /// <summary>The whole feed of the agency, page by page, kept to this test's case.</summary>
    private async Task<List<JsonElement>> FeedForCaseAsync(string agency)
    {
        var client = fixture.ClientFor(agency, agency == _shelter ? PlatformRoles.Provider : PlatformRoles.CaseManager);
        var items = new List<JsonElement>();
        var after = "0";
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/communications/feed?after={after}&limit=200");
            var batch = page.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(batch.Where(e => e.GetProperty("partitionkey").GetString() == _case.ToString()));
            var next = page.GetProperty("next").GetString()!;
            if (batch.Count == 0 || next == after) return items;
            after = next;
        }
    }
}
