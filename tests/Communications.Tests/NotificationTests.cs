using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Eligibility;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Contracts.ServicePlan;
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

    [Fact]
    public async Task A_consent_about_to_end_is_announced_once_to_the_lead_and_its_case_manager_and_a_distant_one_is_not()
    {
        var (caseId, lead, shelter) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"), TestTokens.NewAgency("shelter"));
        var by = new Actor(lead, "user-0001");
        var now = DateTimeOffset.UtcNow;
        var (soon, distant) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        long version = 0;
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, ++version, now, by, lead, ReferralSource.Hotline,
            ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));
        await fixture.PublishAsync(new CaseManagerAssigned(Guid.CreateVersion7(), caseId, ++version, now, by, "cm-0009"));
        await fixture.PublishAsync(new AgencyJoinedCase(Guid.CreateVersion7(), caseId, ++version, now, by, shelter, TeamRole.Shelter));
        await fixture.PublishAsync(new ConsentGranted(Guid.CreateVersion7(), caseId, ++version, now, by, distant, shelter,
            [InformationCategory.Needs], now.AddDays(90), ConsentGiver.Client));
        await fixture.PublishAsync(new ConsentGranted(Guid.CreateVersion7(), caseId, ++version, now, by, soon, shelter,
            [InformationCategory.Referrals], now.AddDays(3), ConsentGiver.Client));

        var client = fixture.ClientFor(lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] notifications;
        while ((notifications = (await client.GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!).Length == 0
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await Task.Delay(1000);
        notifications = (await client.GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!;

        var expiring = Assert.Single(notifications, n => n.GetProperty("kind").GetString() == "consent-expiring");
        Assert.Equal(soon, expiring.GetProperty("id").GetGuid());
        Assert.Equal("cm-0009", expiring.GetProperty("userId").GetString());
        Assert.Equal("normal", expiring.GetProperty("urgency").GetString());
        Assert.Contains(shelter, expiring.GetProperty("text").GetString());
        Assert.Empty((await fixture.ClientFor(shelter).GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!);
    }

    [Fact]
    public async Task A_court_date_set_by_the_police_its_48_hour_notice_and_a_referral_follow_up_reach_the_lead_and_its_case_manager()
    {
        var (caseId, lead, police) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"), TestTokens.NewAgency("police"));
        var by = new Actor(lead, "user-0001");
        var now = DateTimeOffset.UtcNow;
        var (milestone, referral) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, now, by, lead, ReferralSource.LawEnforcement,
            ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Sex, "ru", true));
        await fixture.PublishAsync(new CaseManagerAssigned(Guid.CreateVersion7(), caseId, 2, now, by, "cm-0011"));
        await fixture.PublishAsync(new MilestoneScheduled(Guid.CreateVersion7(), caseId, 0, now, new Actor(police, "user-0002"), milestone,
            MilestoneKind.CourtAppearance, now.AddDays(3), PlaceKind.Court, true, "ru", true));
        await fixture.PublishAsync(new MilestoneApproaching(Guid.CreateVersion7(), caseId, 0, now.AddDays(1), by, milestone,
            MilestoneKind.CourtAppearance, now.AddDays(3)));
        await fixture.PublishAsync(new FollowUpDue(Guid.CreateVersion7(), caseId, 0, now, by, referral, lead, "agency-clinic-1",
            FollowUpReason.NoAnswer, now));

        var client = fixture.ClientFor(lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] notifications;
        while ((notifications = (await client.GetFromJsonAsync<JsonElement[]>("/api/communications/notifications?mine=false"))!).Length < 3
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(["milestone-approaching", "milestone-scheduled", "referral-follow-up-due"],
            notifications.Select(n => n.GetProperty("kind").GetString()).Order());
        Assert.All(notifications, n => Assert.Equal("cm-0011", n.GetProperty("userId").GetString()));
        Assert.Contains("Court appearance", notifications.Single(n => n.GetProperty("kind").GetString() == "milestone-scheduled").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Eligibility_clocks_notify_the_lead_urgently_in_the_last_week_and_at_expiry()
    {
        var (caseId, lead) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"));
        var by = new Actor(lead, "user-0001");
        var window = Guid.CreateVersion7();
        var ends = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7));
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, by, lead, ReferralSource.Hotline,
            ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));
        await fixture.PublishAsync(new EligibilityExpiring(Guid.CreateVersion7(), caseId, 0, DateTimeOffset.UtcNow, by, window, "per-capita-certification", 30, ends));
        await fixture.PublishAsync(new EligibilityExpiring(Guid.CreateVersion7(), caseId, 0, DateTimeOffset.UtcNow, by, window, "per-capita-certification", 7, ends));
        await fixture.PublishAsync(new EligibilityExpired(Guid.CreateVersion7(), caseId, 0, DateTimeOffset.UtcNow, by, window, "per-capita-certification", ends));

        var client = fixture.ClientFor(lead);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] notifications;
        while ((notifications = (await client.GetFromJsonAsync<JsonElement[]>("/api/communications/notifications"))!).Length < 3
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal([("eligibility-expired", "urgent"), ("eligibility-expiring", "normal"), ("eligibility-expiring", "urgent")],
            notifications.Select(n => (n.GetProperty("kind").GetString(), n.GetProperty("urgency").GetString())).Order());
    }
}
