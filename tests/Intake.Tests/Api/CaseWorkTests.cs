using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class CaseWorkTests(IntakeFixture fixture)
{
    [Fact]
    public async Task The_case_view_shows_the_latest_assessment_and_open_crises()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await lead.OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";

        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"{url}/assessments", new
        {
            needs = new[] { new { domain = "housing", urgency = "urgent" }, new { domain = "legal", urgency = "high" } },
            strengths = new[] { "speaks three languages" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"{url}/assessments", new
        {
            needs = new[] { new { domain = "housing", urgency = "moderate" } }, strengths = Array.Empty<string>(),
        })).StatusCode);
        var crisis = await lead.PostAsJsonAsync($"{url}/crises", new { kind = "safety-threat", severity = "critical" });
        Assert.Equal(HttpStatusCode.Created, crisis.StatusCode);

        var view = await lead.GetFromJsonAsync<JsonElement>(url);
        var assessment = view.GetProperty("assessment");
        Assert.Equal(2, assessment.GetProperty("number").GetInt32());
        Assert.Equal("moderate", assessment.GetProperty("needs")[0].GetProperty("urgency").GetString());
        Assert.True(view.GetProperty("crises")[0].GetProperty("isOpen").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsync($"{crisis.Headers.Location}/resolution", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lead.PostAsync($"{crisis.Headers.Location}/resolution", null)).StatusCode);
    }

    [Fact]
    public async Task An_assessment_with_a_domain_twice_or_an_unknown_urgency_is_refused_naming_the_field()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await lead.OpenAsync();

        var twice = await lead.PostAsJsonAsync($"/api/intake/cases/{opened.Id}/assessments", new
        {
            needs = new[] { new { domain = "housing", urgency = "low" }, new { domain = "housing", urgency = "high" } },
        });
        var unknown = await lead.PostAsJsonAsync($"/api/intake/cases/{opened.Id}/assessments", new
        {
            needs = new[] { new { domain = "housing", urgency = "catastrophic" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await twice.ProblemAsync()).GetProperty("errors").TryGetProperty("needs", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_case_manager_at_the_caseload_limit_is_refused_with_409_and_supervisors_see_the_load()
    {
        var agency = TestTokens.NewAgency();
        var lead = fixture.ClientFor(agency);
        var cases = new List<Guid>();
        for (var i = 0; i <= IntakeFixture.CaseloadLimit; i++) cases.Add((await lead.OpenAsync()).Case.Id);

        for (var i = 0; i < IntakeFixture.CaseloadLimit; i++)
            Assert.Equal(HttpStatusCode.NoContent,
                (await lead.PostAsJsonAsync($"/api/intake/cases/{cases[i]}/case-manager", new { caseManagerId = "cm-0001" })).StatusCode);
        var over = await lead.PostAsJsonAsync($"/api/intake/cases/{cases[^1]}/case-manager", new { caseManagerId = "cm-0001" });

        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var problem = await over.ProblemAsync();
        Assert.Equal(IntakeFixture.CaseloadLimit, problem.GetProperty("openCases").GetInt32());
        Assert.Contains("caseload limit", problem.GetProperty("detail").GetString());

        await lead.PostAsJsonAsync($"/api/intake/cases/{cases[0]}/crises", new { kind = "medical-emergency", severity = "high" });
        var loads = await fixture.ClientFor(agency, PlatformRoles.Supervisor).GetFromJsonAsync<JsonElement>("/api/intake/caseloads");
        var load = Assert.Single(loads.EnumerateArray());
        Assert.Equal("cm-0001", load.GetProperty("caseManagerId").GetString());
        Assert.Equal(IntakeFixture.CaseloadLimit, load.GetProperty("openCases").GetInt32());
        Assert.Equal(1, load.GetProperty("openCrises").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/intake/caseloads")).StatusCode);
    }

    [Fact]
    public async Task An_agency_lists_its_own_cases_page_by_page_and_by_status()
    {
        var agency = TestTokens.NewAgency();
        var lead = fixture.ClientFor(agency);
        var opened = new List<Guid>();
        for (var i = 0; i < 5; i++) opened.Add((await lead.OpenAsync()).Case.Id);
        await lead.SendAsync(OpeningAndReadingTests.Post($"/api/intake/cases/{opened[0]}/closure", new { reason = "relocated" }));
        await fixture.ClientFor(TestTokens.NewAgency()).OpenAsync();

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await lead.GetFromJsonAsync<JsonElement>($"/api/intake/cases?limit=2{(after is null ? "" : $"&after={after}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        var open = await lead.GetFromJsonAsync<JsonElement>("/api/intake/cases?status=open");

        Assert.Equal(opened, seen);
        Assert.Equal(opened.Skip(1), open.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.GetAsync("/api/intake/cases?status=lost")).StatusCode);
    }

    [Fact]
    public async Task The_history_gives_the_lead_and_administrators_every_event_with_actor_and_correlation_id()
    {
        var agency = TestTokens.NewAgency();
        var lead = fixture.ClientFor(agency);
        var request = OpeningAndReadingTests.Post("/api/intake/cases", CaseRequests.ValidOpening());
        request.Headers.Add("X-Correlation-Id", "history-test-0001");
        var opened = await lead.SendAsync(request);
        await lead.PostAsJsonAsync($"{opened.Headers.Location}/crises", new { kind = "other", severity = "moderate" });

        var history = await lead.GetFromJsonAsync<JsonElement>($"{opened.Headers.Location}/history");
        var audit = await fixture.ClientFor("platform-audit", PlatformRoles.Administrator).GetAsync($"{opened.Headers.Location}/history");
        var stranger = await fixture.ClientFor(TestTokens.NewAgency()).GetAsync($"{opened.Headers.Location}/history");

        Assert.Equal(["case_opened", "crisis_reported"], history.EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(agency, history[0].GetProperty("agencyId").GetString());
        Assert.StartsWith("user-", history[0].GetProperty("userId").GetString());
        Assert.Equal("history-test-0001", history[0].GetProperty("correlationId").GetString());
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task A_transfer_moves_the_lead_only_when_the_receiving_agency_accepts()
    {
        var (from, to) = (TestTokens.NewAgency("from"), TestTokens.NewAgency("to"));
        var lead = fixture.ClientFor(from);
        var receiver = fixture.ClientFor(to);
        var (opened, _) = await lead.OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";

        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"{url}/transfer", new { toAgencyId = to })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(TestTokens.NewAgency()).PostAsync($"{url}/transfer/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsync($"{url}/transfer/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await receiver.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await receiver.PostAsync($"{url}/transfer/acceptance", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(url)).StatusCode);
    }
}
