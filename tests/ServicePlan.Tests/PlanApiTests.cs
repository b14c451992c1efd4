using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Marten;
using Microsoft.Extensions.Configuration;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.ServicePlan.Plans;
using Platform.ServicePlan.Plans.Deadlines;
using Platform.Testing;

namespace Platform.ServicePlan.Tests;

[Collection(PlanCollection.Name)]
public sealed class PlanApiTests(PlanFixture fixture)
{
    private static readonly object Goal = new { domain = "housing", desiredOutcome = "Stable housing", clientWords = "a safe place of my own" };

    private static object Deposition(DateTimeOffset at) => new
    {
        kind = "deposition", at, place = new { kind = "prosecutor-office", name = "District attorney, room 4" },
        needs = new { accompaniment = true, interpreterLanguage = "es", transport = true },
    };

    [Fact]
    public async Task A_plan_starts_when_the_case_opens_and_an_urgent_need_proposes_a_goal_that_awaits_the_clients_agreement()
    {
        var c = await new TestCase(fixture).OpenAsync(new NeedLevel(NeedDomain.Housing, Urgency.Urgent), new NeedLevel(NeedDomain.Education, Urgency.Low));

        var plan = await c.PlanAsync();
        for (var i = 0; i < 50 && plan.GetProperty("goals").GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
            plan = await c.PlanAsync();
        }

        var goal = Assert.Single(plan.GetProperty("goals").EnumerateArray());
        Assert.Equal("housing", goal.GetProperty("domain").GetString());
        Assert.Equal("proposed", goal.GetProperty("status").GetString());
        Assert.True(plan.GetProperty("awaitsAgreement").GetBoolean());
    }

    [Fact]
    public async Task The_client_agrees_to_the_version_they_saw_and_a_later_change_awaits_agreement_again()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var set = await c.AsLead.PostAsJsonAsync(c.Path("/goals"), Goal);
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        var goalId = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var version = (await c.PlanAsync()).GetProperty("planVersion").GetInt64();

        var verbalWithoutWitness = await c.AsLead.PostAsJsonAsync(c.Path("/agreement"), new { planVersion = version, method = "verbal-with-witness" });
        var agreed = await c.AsLead.PostAsJsonAsync(c.Path("/agreement"), new { planVersion = version, method = "signed" });
        var plan = await c.PlanAsync();
        var again = await c.AsLead.PostAsJsonAsync(c.Path("/agreement"), new { planVersion = version, method = "signed" });
        await c.AsLead.PostAsJsonAsync(c.Path($"/goals/{goalId}/revision"), new { desiredOutcome = "Stable housing within two months" });

        Assert.Equal(HttpStatusCode.BadRequest, verbalWithoutWitness.StatusCode);
        Assert.True((await verbalWithoutWitness.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("witnessId", out _));
        Assert.Equal(HttpStatusCode.NoContent, agreed.StatusCode);
        Assert.Equal("accepted", plan.GetProperty("goals")[0].GetProperty("status").GetString());
        Assert.False(plan.GetProperty("awaitsAgreement").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await c.PlanAsync()).GetProperty("awaitsAgreement").GetBoolean());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_bad_input_names_the_field()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var stale = new HttpRequestMessage(HttpMethod.Post, c.Path("/goals")) { Content = JsonContent.Create(Goal) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await c.AsLead.SendAsync(stale)).StatusCode);
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/goals"), new { domain = "housing" }), "desiredOutcome");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/goals"), new { domain = "flying", desiredOutcome = "x" }), "domain");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/goals"), new { domain = "legal", desiredOutcome = "x", targetDate = "2001-01-01" }), "targetDate");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/reviews"), new { }), "nextReviewOn");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/milestones"),
            new { kind = "deposition", at = DateTimeOffset.UtcNow.AddDays(3), place = new { kind = "other", name = "Hope Shelter, 12 Main St" } }), "place.name");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/milestones"),
            new { kind = "medical-appointment", at = DateTimeOffset.UtcNow.AddDays(3), place = new { kind = "confidential", name = "12 Main St" } }), "place.name");
        var malformed = await c.AsLead.PostAsync(c.Path("/goals"), new StringContent("{\"domain\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, (await c.PlanAsync()).GetProperty("goals").GetArrayLength());
    }

    [Fact]
    public async Task Who_reads_and_changes_a_plan_follows_the_case_access_model()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var withPlanConsent = await c.JoinAsync("clinic", TeamRole.Medical, InformationCategory.ServicePlan);
        var withoutConsent = await c.JoinAsync("shelter", TeamRole.Shelter);
        var stranger = TestTokens.NewAgency();

        var teamRead = await Eventually.AnsweredAsync(() => fixture.ClientFor(withPlanConsent).GetAsync(c.Path("/plan")), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, teamRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.AsLead.GetAsync(c.Path("/plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ClientFor("agency-audit", PlatformRoles.Administrator).GetAsync(c.Path("/plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(withoutConsent).GetAsync(c.Path("/plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).GetAsync(c.Path("/plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).GetAsync($"/api/plans/cases/{Guid.CreateVersion7()}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientFor(null).GetAsync(c.Path("/plan"))).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await c.AsLead.PostAsJsonAsync(c.Path("/goals"), Goal)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(withPlanConsent).PostAsJsonAsync(c.Path("/goals"), Goal)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).PostAsJsonAsync(c.Path("/goals"), Goal)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.ClientFor(c.Lead, PlatformRoles.Administrator).PostAsJsonAsync(c.Path("/goals"), Goal)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.ClientFor(c.Lead, PlatformRoles.Provider).PostAsJsonAsync(c.Path("/goals"), Goal)).StatusCode);
    }

    [Fact]
    public async Task A_law_enforcement_agency_with_legal_consent_schedules_a_deposition_and_one_without_gets_404()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var police = await c.JoinAsync("police", TeamRole.LawEnforcement, InformationCategory.Legal);
        var otherPolice = await c.JoinAsync("sheriff", TeamRole.LawEnforcement, InformationCategory.Needs);
        var asPolice = fixture.ClientFor(police, PlatformRoles.LawEnforcement);
        var at = DateTimeOffset.UtcNow.AddDays(10);

        var scheduled = await Eventually.AnsweredAsync(() => asPolice.PostAsJsonAsync(c.Path("/milestones"), Deposition(at)), HttpStatusCode.Created);
        var id = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var moved = await asPolice.PostAsJsonAsync(c.Path($"/milestones/{id}/reschedule"),
            new { at = at.AddDays(2), place = new { kind = "court", name = "County courthouse" } });
        var medical = await asPolice.PostAsJsonAsync(c.Path("/milestones"),
            new { kind = "medical-appointment", at, place = new { kind = "clinic", name = "Clinic" } });
        var withoutLegal = await fixture.ClientFor(otherPolice, PlatformRoles.LawEnforcement).PostAsJsonAsync(c.Path("/milestones"), Deposition(at));
        var completedByPolice = await asPolice.PostAsync(c.Path($"/milestones/{id}/completion"), null);

        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, medical.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutLegal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, completedByPolice.StatusCode);
        var seen = (await c.AsLead.GetFromJsonAsync<JsonElement[]>(c.Path("/milestones")))!;
        var milestone = Assert.Single(seen);
        Assert.Equal(at.AddDays(2), milestone.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("court", milestone.GetProperty("place").GetString());
        Assert.Equal(police, milestone.GetProperty("scheduledByAgencyId").GetString());
        Assert.Single((await asPolice.GetFromJsonAsync<JsonElement[]>(c.Path("/milestones")))!);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(otherPolice, PlatformRoles.LawEnforcement).GetAsync(c.Path("/plan"))).StatusCode);
    }

    [Fact]
    public async Task A_closed_cases_plan_takes_no_change_until_the_case_reopens()
    {
        var c = await new TestCase(fixture).OpenAsync();
        await c.CloseAsync();
        await WaitForAsync(c, plan => plan.GetProperty("closed").GetBoolean());

        var whileClosed = await c.AsLead.PostAsJsonAsync(c.Path("/goals"), Goal);
        await c.ReopenAsync();
        await WaitForAsync(c, plan => !plan.GetProperty("closed").GetBoolean());
        var reopened = await c.AsLead.PostAsJsonAsync(c.Path("/goals"), Goal);

        Assert.Equal(HttpStatusCode.Conflict, whileClosed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reopened.StatusCode);
        Assert.Equal(1, (await c.PlanAsync()).GetProperty("goals").GetArrayLength());
    }

    private static async Task WaitForAsync(TestCase c, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(await c.PlanAsync()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The plan never reached the expected state.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_safety_plan_is_versioned_and_only_the_lead_agency_reads_it()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var team = await c.JoinAsync("legal-aid", TeamRole.Legal, Enum.GetValues<InformationCategory>());
        await Eventually.AnsweredAsync(() => fixture.ClientFor(team).GetAsync(c.Path("/plan")), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await c.AsLead.PutAsJsonAsync(c.Path("/safety-plan"), new { content = "Code word and a number to call." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await c.AsLead.PutAsJsonAsync(c.Path("/safety-plan"), new { content = "Updated after the move." })).StatusCode);

        var safety = await c.AsLead.GetFromJsonAsync<JsonElement>(c.Path("/safety-plan"));
        Assert.Equal(2, safety.GetProperty("version").GetInt32());
        Assert.Equal("Updated after the move.", safety.GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(team).GetAsync(c.Path("/safety-plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor("agency-audit", PlatformRoles.Administrator).GetAsync(c.Path("/safety-plan"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(team).PutAsJsonAsync(c.Path("/safety-plan"), new { content = "x" })).StatusCode);
    }

    [Fact]
    public async Task Two_monitors_on_a_fake_clock_raise_a_milestones_48_hour_notice_and_a_due_review_once_each_and_a_reschedule_rearms_it()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var at = DateTimeOffset.UtcNow.AddDays(5);
        var scheduled = await c.AsLead.PostAsJsonAsync(c.Path("/milestones"), Deposition(at));
        var id = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var reviewOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(4));
        Assert.Equal(HttpStatusCode.NoContent, (await c.AsLead.PostAsJsonAsync(c.Path("/reviews"), new { nextReviewOn = reviewOn })).StatusCode);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        var configuration = fixture.App.Services.GetRequiredService<IConfiguration>();
        PlanDeadlineMonitor Monitor() => new(store, clock, configuration, NullLogger<PlanDeadlineMonitor>.Instance);
        var (first, second) = (Monitor(), Monitor());

        clock.SetUtcNow(at - Plan.MilestoneNotice - TimeSpan.FromMinutes(1));
        await Task.WhenAll(first.RaiseDueAsync(default), second.RaiseDueAsync(default));
        Assert.Equal(0, await CountAsync<MilestoneApproaching>(store, c.Id));
        Assert.Equal(0, await CountAsync<PlanReviewDue>(store, c.Id));

        clock.SetUtcNow(at - Plan.MilestoneNotice + TimeSpan.FromDays(1));
        await Task.WhenAll(first.RaiseDueAsync(default), second.RaiseDueAsync(default));
        await Monitor().RaiseDueAsync(default);
        Assert.Equal(1, await CountAsync<MilestoneApproaching>(store, c.Id));
        Assert.Equal(1, await CountAsync<PlanReviewDue>(store, c.Id));

        // Rescheduled a week later: the notice is owed again, for the new time, once.
        Assert.Equal(HttpStatusCode.NoContent, (await c.AsLead.PostAsJsonAsync(c.Path($"/milestones/{id}/reschedule"),
            new { at = at.AddDays(7), place = new { kind = "court" } })).StatusCode);
        await first.RaiseDueAsync(default);
        Assert.Equal(1, await CountAsync<MilestoneApproaching>(store, c.Id));
        clock.Advance(TimeSpan.FromDays(7));
        await Task.WhenAll(first.RaiseDueAsync(default), second.RaiseDueAsync(default));
        Assert.Equal(2, await CountAsync<MilestoneApproaching>(store, c.Id));
    }

    private static async Task<int> CountAsync<TEvent>(IDocumentStore store, Guid caseId)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Count(e => e.Data is TEvent);
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
