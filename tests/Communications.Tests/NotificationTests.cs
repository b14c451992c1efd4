using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class NotificationTests(CommunicationsFixture fixture)
{
    [Fact]
    public async Task A_crisis_notifies_the_lead_agency_and_its_case_manager_at_once_as_urgent()
    {
        var (caseId, lead) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"));
        var by = new Actor(lead, "user-0001");
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, by, lead, ReferralSource.Hotline,
            ClientCategory.ForeignNational, AgeGroup.Minor, TraffickingType.Labor, "es", true));
        await fixture.PublishAsync(new CaseManagerAssigned(Guid.CreateVersion7(), caseId, 2, DateTimeOffset.UtcNow, by, "cm-0007"));
        await fixture.PublishAsync(new CrisisReported(Guid.CreateVersion7(), caseId, 3, DateTimeOffset.UtcNow, by, Guid.CreateVersion7(),
            CrisisKind.SafetyThreat, CrisisSeverity.Critical));

        var client = fixture.ClientFor(lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] notifications;
        while ((notifications = (await client.GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!).Length == 0
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var crisis = Assert.Single(notifications);
        Assert.Equal("crisis", crisis.GetProperty("kind").GetString());
        Assert.Equal("urgent", crisis.GetProperty("urgency").GetString());
        Assert.Equal("cm-0007", crisis.GetProperty("userId").GetString());
        Assert.Equal(caseId, crisis.GetProperty("caseId").GetGuid());
        Assert.Empty((await fixture.ClientFor(TestTokens.NewAgency()).GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!);
    }
}
