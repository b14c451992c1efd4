using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>Intake, ServicePlan, Referral and Communications together, through the gateway, on their real events.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlanAndReferralTests(PlatformFixture platform)
{
    private static readonly object Opening = new
    {
        referralSource = "law-enforcement", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
        preferredLanguage = "es", interpreterNeeded = true,
    };

    [Fact]
    public async Task A_deposition_scheduled_by_the_police_with_legal_consent_reaches_the_lead_agencys_webhook_and_without_it_is_404()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (leadAgency, police, otherPolice) = (TestTokens.NewAgency("lead"), TestTokens.NewAgency("police"), TestTokens.NewAgency("sheriff"));
        var lead = platform.ThroughGateway(leadAgency);
        var subscribed = await lead.PostAsJsonAsync("/api/communications/subscriptions",
            new { url = receiver.UrlOf("lead"), eventTypes = new[] { "platform.service-plan.milestone-scheduled" } });
        receiver.Verify("lead", (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
        var caseId = await OpenCaseAsync(lead);
        foreach (var agency in new[] { police, otherPolice })
            Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"/api/intake/cases/{caseId}/team",
                new { agencyId = agency, role = "law-enforcement" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            agencyId = police, categories = new[] { "legal" }, expiresAt = DateTimeOffset.UtcNow.AddDays(90), givenBy = "client",
            releaseReference = "release-0001",
        })).StatusCode);
        var deposition = new
        {
            kind = "deposition", at = DateTimeOffset.UtcNow.AddDays(12), place = new { kind = "prosecutor-office", name = "District attorney" },
            needs = new { accompaniment = true, interpreterLanguage = "es", transport = true },
        };

        var scheduled = await Eventually.AnsweredAsync(() => platform.ThroughGateway(police, "law-enforcement")
            .PostAsJsonAsync($"/api/plans/cases/{caseId}/milestones", deposition), HttpStatusCode.Created);
        var refused = await platform.ThroughGateway(otherPolice, "law-enforcement").PostAsJsonAsync($"/api/plans/cases/{caseId}/milestones", deposition);
        var delivered = await receiver.WaitUntilAsync("lead", got => got.Any(d => d.PartitionKey == caseId.ToString()), "the deposition");

        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var cloudEvent = delivered.Single(d => d.PartitionKey == caseId.ToString()).CloudEvent;
        Assert.Equal("platform.service-plan.milestone-scheduled", cloudEvent.GetProperty("type").GetString());
        Assert.Equal("deposition", cloudEvent.GetProperty("data").GetProperty("kind").GetString());
        Assert.Empty(receiver.Violations);
    }

    [Fact]
    public async Task A_referral_goes_round_the_loop_through_the_gateway_and_the_provider_that_accepts_joins_the_case_team()
    {
        var (leadAgency, shelterAgency) = (TestTokens.NewAgency("lead"), TestTokens.NewAgency("shelter"));
        var lead = platform.ThroughGateway(leadAgency);
        var shelter = platform.ThroughGateway(shelterAgency, "provider");
        var caseId = await OpenCaseAsync(lead);
        var org = await shelter.PostAsJsonAsync("/api/providers/organizations", new { name = "Example shelter" });
        Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        var service = await shelter.PostAsJsonAsync($"{org.Headers.Location}/services", new
        {
            type = "shelter", languages = new[] { "es" }, ageGroups = new[] { "adult" }, clientCategories = new[] { "foreign-national" },
            interpretationOffered = true, hours = new { alwaysOpen = true },
        });
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        var serviceId = (await service.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var requested = await Eventually.AnsweredAsync(() => lead.PostAsJsonAsync("/api/referrals",
            new { caseId, serviceId, need = "housing", language = "es", interpreterNeeded = true }), HttpStatusCode.Created);
        var referral = requested.Headers.Location!.ToString();
        var stranger = await platform.ThroughGateway(TestTokens.NewAgency()).GetAsync(referral);
        var accepted = await shelter.PostAsync($"{referral}/acceptance", null);

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.ThroughGateway().GetAsync(referral)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement team;
        do
        {
            await Task.Delay(200);
            team = (await lead.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{caseId}")).GetProperty("team");
        } while (team.GetArrayLength() == 0 && DateTime.UtcNow < deadline);
        Assert.Equal(shelterAgency, Assert.Single(team.EnumerateArray()).GetProperty("agencyId").GetString());
        // On the team, but without consent it still sees nothing of the case.
        Assert.Equal(HttpStatusCode.NotFound, (await shelter.GetAsync($"/api/intake/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shelter.GetAsync($"/api/plans/cases/{caseId}/plan")).StatusCode);
    }

    [Fact]
    public async Task Through_the_gateway_a_plan_is_read_and_changed_only_as_the_case_access_model_allows()
    {
        var (leadAgency, clinic, shelter, stranger) =
            (TestTokens.NewAgency("lead"), TestTokens.NewAgency("clinic"), TestTokens.NewAgency("shelter"), TestTokens.NewAgency());
        var lead = platform.ThroughGateway(leadAgency);
        var caseId = await OpenCaseAsync(lead);
        foreach (var (agency, role) in new[] { (clinic, "medical"), (shelter, "shelter") })
            Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"/api/intake/cases/{caseId}/team", new { agencyId = agency, role })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            agencyId = clinic, categories = new[] { "service-plan" }, expiresAt = DateTimeOffset.UtcNow.AddDays(90), givenBy = "client",
            releaseReference = "release-0002",
        })).StatusCode);
        var plan = $"/api/plans/cases/{caseId}/plan";
        var goals = $"/api/plans/cases/{caseId}/goals";
        var goal = new { domain = "housing", desiredOutcome = "Stable housing" };

        Assert.Equal(HttpStatusCode.OK, (await Eventually.AnsweredAsync(() => lead.GetAsync(plan), HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Eventually.AnsweredAsync(() => platform.ThroughGateway(clinic).GetAsync(plan), HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ThroughGateway(shelter).GetAsync(plan)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ThroughGateway(stranger).GetAsync(plan)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.ThroughGateway("agency-audit", "administrator").GetAsync(plan)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.ThroughGateway().GetAsync(plan)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync(goals, goal)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ThroughGateway(clinic).PostAsJsonAsync(goals, goal)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.ThroughGateway(stranger).PostAsJsonAsync(goals, goal)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.ThroughGateway(leadAgency, "provider").PostAsJsonAsync(goals, goal)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PostAsJsonAsync(goals, new { domain = "housing" })).StatusCode);
    }

    private static async Task<Guid> OpenCaseAsync(HttpClient lead)
    {
        var opened = await lead.PostAsJsonAsync("/api/intake/cases", Opening);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
