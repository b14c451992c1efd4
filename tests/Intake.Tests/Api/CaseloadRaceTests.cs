using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

/// <summary>The caseload limit holds however many assignments of one case manager arrive at the same moment.</summary>
[Collection(IntakeCollection.Name)]
public sealed class CaseloadRaceTests(IntakeFixture fixture)
{
    private const int Concurrent = 20;

    private static Task<HttpResponseMessage> AssignAsync(HttpClient client, Guid caseId, string caseManagerId) =>
        client.PostAsJsonAsync($"/api/intake/cases/{caseId}/case-manager", new { caseManagerId });

    [Fact]
    public async Task Concurrent_assignments_of_one_case_manager_never_exceed_the_caseload_limit()
    {
        var agency = TestTokens.NewAgency();
        var lead = fixture.ClientFor(agency);
        var cases = new List<Guid>();
        for (var i = 0; i < Concurrent; i++) cases.Add((await lead.OpenAsync()).Case.Id);

        using var start = new SemaphoreSlim(0);
        var assignments = cases.Select(async id =>
        {
            await start.WaitAsync();
            return await AssignAsync(fixture.ClientFor(agency), id, "cm-race-0001");
        }).ToList();
        start.Release(Concurrent);
        var responses = await Task.WhenAll(assignments);

        Assert.Equal(IntakeFixture.CaseloadLimit, responses.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.Equal(Concurrent - IntakeFixture.CaseloadLimit, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("cm-race-0001", (await refused.ProblemAsync()).GetProperty("caseManagerId").GetString());
        }
        var loads = await fixture.ClientFor(agency, PlatformRoles.Supervisor).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/intake/caseloads");
        var assigned = Assert.Single(loads.EnumerateArray()).GetProperty("openCases").GetInt32();
        Assert.Equal(IntakeFixture.CaseloadLimit, assigned);
    }

    [Fact]
    public async Task A_closed_transferred_or_reassigned_case_frees_a_place_in_the_caseload()
    {
        var agency = TestTokens.NewAgency();
        var lead = fixture.ClientFor(agency);
        var receiver = TestTokens.NewAgency("to");
        var cases = new List<Guid>();
        for (var i = 0; i < IntakeFixture.CaseloadLimit + 3; i++) cases.Add((await lead.OpenAsync()).Case.Id);
        for (var i = 0; i < IntakeFixture.CaseloadLimit; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await AssignAsync(lead, cases[i], "cm-free-0001")).StatusCode);
        var waiting = cases[IntakeFixture.CaseloadLimit];
        Assert.Equal(HttpStatusCode.Conflict, (await AssignAsync(lead, waiting, "cm-free-0001")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await lead.SendAsync(OpeningAndReadingTests.Post($"/api/intake/cases/{cases[0]}/closure",
            new { reason = "relocated" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await AssignAsync(lead, waiting, "cm-free-0001")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AssignAsync(lead, cases[^2], "cm-free-0001")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await AssignAsync(lead, cases[1], "cm-free-0002")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await AssignAsync(lead, cases[^2], "cm-free-0001")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AssignAsync(lead, cases[^1], "cm-free-0001")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"/api/intake/cases/{waiting}/transfer", new { toAgencyId = receiver })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.ClientFor(receiver).PostAsync($"/api/intake/cases/{waiting}/transfer/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await AssignAsync(lead, cases[^1], "cm-free-0001")).StatusCode);
    }
}
