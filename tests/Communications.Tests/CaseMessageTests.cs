using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class CaseMessageTests(CommunicationsFixture fixture)
{
    private readonly Guid _case = Guid.CreateVersion7();
    private readonly string _lead = TestTokens.NewAgency("lead");
    private readonly string _police = TestTokens.NewAgency("police");
    private readonly string _clinic = TestTokens.NewAgency("clinic");
    private long _version;

    [Fact]
    public async Task A_notice_reaches_the_agencies_entitled_to_its_category_and_read_receipts_are_kept()
    {
        await PublishTeamAsync();
        var police = fixture.ClientFor(_police, PlatformRoles.LawEnforcement);
        var posted = await PostUntilKnownAsync(police, new { kind = "legal-update", category = "legal", summary = "Deposition moved to next week" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var messageId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var leadInbox = await InboxAsync(_lead);
        var clinicInbox = await InboxAsync(_clinic);
        Assert.Contains(leadInbox, m => m.GetProperty("id").GetGuid() == messageId && m.GetProperty("readAt").ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(clinicInbox, m => m.GetProperty("id").GetGuid() == messageId);

        var clinicPost = await fixture.ClientFor(_clinic, PlatformRoles.Provider).PostAsJsonAsync($"/api/communications/cases/{_case}/messages",
            new { kind = "legal-update", category = "legal", summary = "not entitled" });
        Assert.Equal(HttpStatusCode.NotFound, clinicPost.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.ClientFor(_lead).PostAsync($"/api/communications/inbox/{messageId}/read", null)).StatusCode);
        var read = (await InboxAsync(_lead)).Single(m => m.GetProperty("id").GetGuid() == messageId);
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("readAt").ValueKind);
        Assert.Equal(_lead, read.GetProperty("readBy")[0].GetProperty("agencyId").GetString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.ClientFor(_clinic, PlatformRoles.Provider).PostAsync($"/api/communications/inbox/{messageId}/read", null)).StatusCode);
    }

    [Fact]
    public async Task A_message_needs_a_kind_a_category_and_a_short_summary()
    {
        var response = await fixture.ClientFor(_lead).PostAsJsonAsync($"/api/communications/cases/{_case}/messages",
            new { kind = "gossip", category = "legal", summary = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _));
    }

    private async Task PublishTeamAsync()
    {
        Actor by = new(_lead, "user-0001");
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), _case, ++_version, DateTimeOffset.UtcNow, by, _lead, ReferralSource.LawEnforcement,
            ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Sex, "th", true));
        foreach (var (agency, role, category) in new[] { (_police, TeamRole.LawEnforcement, InformationCategory.Legal), (_clinic, TeamRole.Medical, InformationCategory.Medical) })
        {
            await fixture.PublishAsync(new AgencyJoinedCase(Guid.CreateVersion7(), _case, ++_version, DateTimeOffset.UtcNow, by, agency, role));
            await fixture.PublishAsync(new ConsentGranted(Guid.CreateVersion7(), _case, ++_version, DateTimeOffset.UtcNow, by, Guid.CreateVersion7(),
                agency, [category], DateTimeOffset.UtcNow.AddDays(30), ConsentGiver.Client));
        }
    }

    /// <summary>Posts once Communications has heard of the case and the consent (it learns them from the bus).</summary>
    private async Task<HttpResponseMessage> PostUntilKnownAsync(HttpClient client, object body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.PostAsJsonAsync($"/api/communications/cases/{_case}/messages", body);
            if (response.StatusCode != HttpStatusCode.NotFound || DateTime.UtcNow > deadline) return response;
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement[]> InboxAsync(string agency) =>
        (await fixture.ClientFor(agency).GetFromJsonAsync<JsonElement[]>("/api/communications/inbox"))!;
}
