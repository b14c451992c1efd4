using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Referral;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class ReferralTeamTests(IntakeFixture fixture)
{
    [Fact]
    public async Task A_provider_that_accepts_a_referral_joins_the_case_team_once_and_still_sees_nothing_without_consent()
    {
        var leadAgency = TestTokens.NewAgency("lead");
        var provider = TestTokens.NewAgency("shelter");
        var lead = fixture.ClientFor(leadAgency);
        var (opened, _) = await lead.OpenAsync();
        var accepted = new ReferralAccepted(Guid.CreateVersion7(), opened.Id, 0, DateTimeOffset.UtcNow, new Actor(provider, "user-0009"),
            Guid.CreateVersion7(), provider, ServiceType.Shelter);
        var bus = fixture.App.Services.GetRequiredService<IBus>();

        await bus.Publish(accepted, c => c.MessageId = accepted.EventId);
        await bus.Publish(accepted with { EventId = Guid.CreateVersion7(), ReferralId = Guid.CreateVersion7() }, c => c.MessageId = Guid.CreateVersion7());

        JsonElement team = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            team = (await lead.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{opened.Id}")).GetProperty("team");
            if (team.GetArrayLength() > 0) break;
            await Task.Delay(100);
        }
        await Task.Delay(500);
        team = (await lead.GetFromJsonAsync<JsonElement>($"/api/intake/cases/{opened.Id}")).GetProperty("team");

        var member = Assert.Single(team.EnumerateArray());
        Assert.Equal(provider, member.GetProperty("agencyId").GetString());
        Assert.Equal("shelter", member.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(provider).GetAsync($"/api/intake/cases/{opened.Id}")).StatusCode);
    }
}
