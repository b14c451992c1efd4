using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.EventSourcing.Access;
using Platform.ServiceDefaults;
using Platform.Testing;
using ConsentExpired = Platform.Intake.Cases.ConsentExpired;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class AccessTests(IntakeFixture fixture)
{
    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_exactly_as_the_access_model_says()
    {
        var mismatches = await CaseAccessMatrix.RunAsync(fixture.ClientFor);

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_team_agency_reads_the_categories_it_was_granted_and_never_the_team_or_the_consents()
    {
        var view = await CaseAccessMatrix.ReadAsTeamAgencyAsync(fixture.ClientFor);

        Assert.Equal(["needs"], view.GetProperty("visibleCategories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("ro", view.GetProperty("preferredLanguage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("team").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("consents").ValueKind);
    }

    [Fact]
    public async Task Another_services_access_model_follows_the_team_and_consents_kept_by_intake()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency("lead"));
        var team = TestTokens.NewAgency("team");
        var teamCaller = new Caller(team, "user-1", new HashSet<string> { PlatformRoles.LawEnforcement });
        var (opened, _) = await lead.OpenAsync();
        var caseUrl = $"/api/intake/cases/{opened.Id}";
        await lead.PostAsJsonAsync($"{caseUrl}/team", new { agencyId = team, role = "law-enforcement" });
        var granted = await lead.PostAsJsonAsync($"{caseUrl}/consents", new
        {
            agencyId = team, categories = new[] { "legal" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30),
            givenBy = "client", releaseReference = "release-test-0003",
        });
        var consentId = (await granted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var access = await WaitForAccessAsync(opened.Id, a => a.Consents.Count == 1);
        Assert.True(access.MaySee(teamCaller, InformationCategory.Legal, DateTimeOffset.UtcNow));
        Assert.False(access.MaySee(teamCaller, InformationCategory.Medical, DateTimeOffset.UtcNow));

        await lead.DeleteAsync($"{caseUrl}/consents/{consentId}");
        access = await WaitForAccessAsync(opened.Id, a => a.Consents.Count == 0);
        Assert.False(access.MaySee(teamCaller, InformationCategory.Legal, DateTimeOffset.UtcNow));
        Assert.True(access.IsOnTeam(team));
    }

    private async Task<CaseAccess> WaitForAccessAsync(Guid caseId, Func<CaseAccess, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var session = fixture.Consumer.Store.QuerySession();
            var access = await session.LoadCaseAccessAsync(caseId, CancellationToken.None);
            if (access is not null && condition(access)) return access;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The access model did not catch up within 30 s.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_consent_expires_by_itself_once_and_every_service_hears_of_it()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency("lead"));
        var team = TestTokens.NewAgency("team");
        var (opened, _) = await lead.OpenAsync();
        var caseUrl = $"/api/intake/cases/{opened.Id}";
        Assert.Equal(System.Net.HttpStatusCode.NoContent,
            (await lead.PostAsJsonAsync($"{caseUrl}/team", new { agencyId = team, role = "medical" })).StatusCode);
        var granted = await lead.PostAsJsonAsync($"{caseUrl}/consents", new
        {
            agencyId = team, categories = new[] { "medical", "needs" }, expiresAt = DateTimeOffset.UtcNow.AddSeconds(2),
            givenBy = "client", releaseReference = "release-test-0002",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, granted.StatusCode);

        var seen = await fixture.Consumer.WaitForAsync(opened.Id, 3, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);

        Assert.Equal(["CaseOpened", "ConsentGranted", "ConsentExpired"], (await fixture.Consumer.SeenAsync(opened.Id)).Select(s => s.MessageType));
        Assert.Equal(3, seen.Count);
        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(opened.Id);
        Assert.Single(events, e => e.Data is ConsentExpired);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.ClientFor(team, "provider").GetAsync(caseUrl)).StatusCode);
    }
}
