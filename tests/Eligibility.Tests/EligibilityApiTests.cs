using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.Eligibility.Records;
using Platform.Eligibility.Records.Deadlines;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Eligibility.Tests;

[Collection(EligibilityCollection.Name)]
public sealed class EligibilityApiTests(EligibilityFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [Fact]
    public async Task The_shipped_programs_are_listed_from_configuration()
    {
        var programs = await fixture.ClientFor(TestTokens.NewAgency()).GetFromJsonAsync<JsonElement[]>("/api/eligibility/programs");

        var ids = programs!.Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["per-capita-pre-certification", "per-capita-certification", "interim-assistance-minor", "shelter-stay-15", "shelter-stay-30",
            "shelter-stay-60", "benefit-renewal"], ids);
        var pre = programs![0];
        Assert.Equal(9, pre.GetProperty("lengthMonths").GetInt32());
        Assert.Equal([30, 14, 7], pre.GetProperty("warningDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("enrollment", pre.GetProperty("opensWith").GetString());
        Assert.Equal(90, programs[2].GetProperty("lengthDays").GetInt32());
    }

    [Fact]
    public async Task A_case_manager_enrolls_records_a_certification_letter_and_extends_and_sees_every_clock()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var window = await c.EnrollAsync("per-capita-pre-certification", Today.AddDays(-30));
        Assert.Equal(Today.AddDays(-30).AddMonths(9).AddDays(-1), DateOnly.Parse(window.GetProperty("endsOn").GetString()!));

        var record = await c.RecordAsync();
        var pre = Assert.Single(record.GetProperty("windows").EnumerateArray());
        Assert.Equal("active", pre.GetProperty("status").GetString());
        Assert.Equal(Today.AddDays(-30).AddMonths(9).AddDays(-1).DayNumber - Today.DayNumber, pre.GetProperty("daysLeft").GetInt32());
        Assert.Equal("foreign-national", record.GetProperty("clientCategory").GetString());

        var stale = new HttpRequestMessage(HttpMethod.Post, c.Path("/extensions"))
            { Content = JsonContent.Create(new { windowId = pre.GetProperty("id").GetGuid(), days = 30 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await c.AsLead.SendAsync(stale)).StatusCode);
        var extended = await c.AsLead.PostAsJsonAsync(c.Path("/extensions"), new { windowId = pre.GetProperty("id").GetGuid(), days = 30 });
        Assert.Equal(HttpStatusCode.NoContent, extended.StatusCode);
        Assert.Equal("\"3\"", extended.Headers.ETag?.Tag);
        var twice = await c.AsLead.PostAsJsonAsync(c.Path("/extensions"), new { windowId = pre.GetProperty("id").GetGuid(), days = 30 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var letter = await c.AsLead.PostAsJsonAsync(c.Path("/letters"), new { kind = "hhs-certification", date = Today, reference = "HHS-2026-0042" });
        Assert.Equal(HttpStatusCode.Created, letter.StatusCode);
        record = await c.RecordAsync();
        var windows = record.GetProperty("windows").EnumerateArray().ToDictionary(w => w.GetProperty("programId").GetString()!);
        Assert.Equal("finished", windows["per-capita-pre-certification"].GetProperty("status").GetString());
        Assert.Equal("active", windows["per-capita-certification"].GetProperty("status").GetString());
        Assert.Equal(Today.AddMonths(4).AddDays(-1), DateOnly.Parse(windows["per-capita-certification"].GetProperty("endsOn").GetString()!));
        Assert.Equal("HHS-2026-0042", record.GetProperty("letters")[0].GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_change_of_configuration_applies_to_windows_opened_afterwards_and_an_open_window_keeps_its_rule()
    {
        var configuration = fixture.App.Services.GetRequiredService<IConfiguration>();
        var c = await new TestCase(fixture).OpenAsync();
        var before = await c.EnrollAsync("shelter-stay-15", Today);
        try
        {
            configuration["Eligibility:Programs:3:LengthDays"] = "21";
            configuration["Eligibility:Programs:3:WarningDays:0"] = "10";
            var other = await new TestCase(fixture).OpenAsync();
            var after = await other.EnrollAsync("shelter-stay-15", Today);

            Assert.Equal(Today.AddDays(14), DateOnly.Parse(before.GetProperty("endsOn").GetString()!));
            Assert.Equal(Today.AddDays(20), DateOnly.Parse(after.GetProperty("endsOn").GetString()!));
            var kept = (await c.RecordAsync()).GetProperty("windows")[0];
            Assert.Equal(Today.AddDays(14), DateOnly.Parse(kept.GetProperty("endsOn").GetString()!));
            Assert.Equal(7, kept.GetProperty("warningDays")[0].GetInt32());
        }
        finally
        {
            configuration["Eligibility:Programs:3:LengthDays"] = "15";
            configuration["Eligibility:Programs:3:WarningDays:0"] = "7";
        }
    }

    [Fact]
    public async Task A_closed_case_opens_no_new_window()
    {
        var c = await new TestCase(fixture).OpenAsync();
        await c.CloseAsync();

        var refused = await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { programId = "shelter-stay-30", startsOn = Today });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("closed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_us_citizen_gets_409_naming_why_and_what_applies_instead_and_a_shelter_stay_opens()
    {
        var c = await new TestCase(fixture).OpenAsync(ClientCategory.UsCitizenOrPermanentResident, AgeGroup.Minor);

        var refused = await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { programId = "per-capita-pre-certification", startsOn = Today });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var shelter = await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { programId = "shelter-stay-30", startsOn = Today });
        var record = await c.RecordAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("foreign national victims only", problem.GetProperty("detail").GetString());
        Assert.Contains("What applies: shelter-stay-15, shelter-stay-30, shelter-stay-60, benefit-renewal", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, shelter.StatusCode);
        Assert.Single(record.GetProperty("notes").EnumerateArray());
        Assert.DoesNotContain("per-capita-pre-certification", record.GetProperty("applicablePrograms").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Who_reads_and_changes_eligibility_follows_the_case_access_model()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var benefits = await c.JoinAsync("benefits", TeamRole.Benefits, InformationCategory.Eligibility);
        var shelter = await c.JoinAsync("shelter", TeamRole.Shelter, InformationCategory.Needs);
        var stranger = TestTokens.NewAgency();
        var enrollment = new { programId = "per-capita-pre-certification", startsOn = Today };

        Assert.Equal(HttpStatusCode.OK, (await Eventually.AnsweredAsync(() => fixture.ClientFor(benefits).GetAsync(c.Path()), HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.AsLead.GetAsync(c.Path())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ClientFor("agency-audit", PlatformRoles.Administrator).GetAsync(c.Path())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(shelter).GetAsync(c.Path())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).GetAsync(c.Path())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).GetAsync($"/api/eligibility/cases/{Guid.CreateVersion7()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientFor(null).GetAsync(c.Path())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientFor(null).GetAsync("/api/eligibility/claims?month=2026-01")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(benefits).PostAsJsonAsync(c.Path("/enrollments"), enrollment)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(stranger).PostAsJsonAsync(c.Path("/enrollments"), enrollment)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.ClientFor(c.Lead, PlatformRoles.Provider).PostAsJsonAsync(c.Path("/enrollments"), enrollment)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.ClientFor(c.Lead, PlatformRoles.Administrator).PostAsJsonAsync(c.Path("/letters"), new { kind = "hhs-certification" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.ClientFor(c.Lead).GetAsync("/api/eligibility/claims/summary?month=2026-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), enrollment)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        var c = await new TestCase(fixture).OpenAsync();

        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { startsOn = Today }), "programId");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { programId = "flying-lessons", startsOn = Today }), "programId");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/enrollments"), new { programId = "shelter-stay-15", startsOn = Today.AddYears(-3) }),
            "startsOn");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/letters"), new { kind = "love-letter", date = Today, reference = "x" }), "kind");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/letters"), new { kind = "hhs-certification", date = Today, reference = "Jane Doe, 12 Main St" }),
            "reference");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/letters"), new { kind = "hhs-certification", date = Today.AddDays(3), reference = "L-1" }), "date");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/extensions"), new { days = 10 }), "windowId");
        await AssertFieldAsync(await c.AsLead.PostAsJsonAsync(c.Path("/renewals"), new { }), "windowId");
        await AssertFieldAsync(await c.AsLead.GetAsync("/api/eligibility/deadlines?withinDays=soon"), "withinDays");
        await AssertFieldAsync(await c.AsLead.GetAsync("/api/eligibility/claims?month=2026-13"), "month");
        await AssertFieldAsync(await c.AsLead.GetAsync("/api/eligibility/claims"), "month");
        var malformed = await c.AsLead.PostAsync(c.Path("/enrollments"), new StringContent("{\"programId\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Empty((await c.RecordAsync()).GetProperty("windows").EnumerateArray());
    }

    [Fact]
    public async Task The_forecast_lists_the_agencys_coming_expiries_soonest_first_where_it_may_see_eligibility()
    {
        var lead = TestTokens.NewAgency("lead");
        var first = await new TestCase(fixture, lead).OpenAsync();
        var second = await new TestCase(fixture, lead).OpenAsync();
        await first.EnrollAsync("shelter-stay-30", Today.AddDays(-20));          // ends in 9 days
        await second.EnrollAsync("shelter-stay-15", Today.AddDays(-10));         // ends in 4 days
        await second.EnrollAsync("benefit-renewal", Today);                       // ends in about 6 months
        var benefits = await first.JoinAsync("benefits", TeamRole.Benefits, InformationCategory.Eligibility);
        var shelter = await first.JoinAsync("shelter", TeamRole.Shelter, InformationCategory.Needs);

        var week = await fixture.ClientFor(lead).GetFromJsonAsync<JsonElement>("/api/eligibility/deadlines?withinDays=10");
        var half = await fixture.ClientFor(lead).GetFromJsonAsync<JsonElement>("/api/eligibility/deadlines?withinDays=200");
        var team = await TestCase.EventuallyAsync(() => fixture.ClientFor(benefits).GetFromJsonAsync<JsonElement>("/api/eligibility/deadlines"),
            v => v.GetProperty("deadlines").GetArrayLength() > 0);
        var other = await fixture.ClientFor(shelter).GetFromJsonAsync<JsonElement>("/api/eligibility/deadlines?withinDays=366");

        Assert.Equal([(second.Id, 4), (first.Id, 9)], week.GetProperty("deadlines").EnumerateArray()
            .Select(d => (d.GetProperty("caseId").GetGuid(), d.GetProperty("daysLeft").GetInt32())));
        Assert.Equal(3, half.GetProperty("deadlines").GetArrayLength());
        Assert.Equal(first.Id, Assert.Single(team.GetProperty("deadlines").EnumerateArray()).GetProperty("caseId").GetGuid());
        Assert.Empty(other.GetProperty("deadlines").EnumerateArray());
    }

    [Fact]
    public async Task Two_monitors_on_a_fake_clock_raise_each_threshold_once_across_restarts_and_catch_up_after_downtime()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var end = Today.AddDays(14);                                              // a 15-day shelter stay from today: thresholds 7, 3, 1
        await c.EnrollAsync("shelter-stay-15", Today);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        var configuration = fixture.App.Services.GetRequiredService<IConfiguration>();
        EligibilityDeadlineMonitor Monitor() => new(store, clock, configuration, NullLogger<EligibilityDeadlineMonitor>.Instance);
        var (first, second) = (Monitor(), Monitor());

        clock.SetUtcNow(StartOf(end.AddDays(-7)).AddSeconds(-1));
        await Task.WhenAll(first.RaiseDueAsync(default), second.RaiseDueAsync(default));
        Assert.Empty(await ThresholdsAsync(store, c.Id));

        clock.SetUtcNow(StartOf(end.AddDays(-7)));
        await Task.WhenAll(first.RaiseDueAsync(default), second.RaiseDueAsync(default));
        await Monitor().RaiseDueAsync(default);                                   // a restarted monitor finds nothing more to raise
        Assert.Equal([7], await ThresholdsAsync(store, c.Id));

        // Down from the 7-day threshold until two days after the end: it catches up with 3, 1 and the expiry, once each.
        clock.SetUtcNow(StartOf(end.AddDays(2)));
        await Task.WhenAll(Monitor().RaiseDueAsync(default), Monitor().RaiseDueAsync(default));
        await Monitor().RaiseDueAsync(default);
        Assert.Equal([7, 3, 1], await ThresholdsAsync(store, c.Id));
        Assert.Equal(1, await CountAsync<EligibilityExpired>(store, c.Id));
        Assert.Equal(JsonValueKind.Null, (await c.RecordAsync()).GetProperty("windows")[0].GetProperty("nextAlertAt").ValueKind);  // nothing more owed
    }

    [Fact]
    public async Task An_extension_moves_the_end_and_rearms_the_thresholds_on_a_fake_clock()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var start = Today.AddMonths(-9).AddDays(20);
        var window = await c.EnrollAsync("per-capita-pre-certification", start);
        var end = DateOnly.Parse(window.GetProperty("endsOn").GetString()!);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        var monitor = new EligibilityDeadlineMonitor(store, clock, fixture.App.Services.GetRequiredService<IConfiguration>(),
            NullLogger<EligibilityDeadlineMonitor>.Instance);

        await monitor.RaiseDueAsync(default);
        Assert.Empty(await ThresholdsAsync(store, c.Id));                         // the 30-day threshold was behind when the window was entered
        clock.SetUtcNow(StartOf(end.AddDays(-14)));
        await monitor.RaiseDueAsync(default);
        Assert.Equal([14], await ThresholdsAsync(store, c.Id));

        var extended = await c.AsLead.PostAsJsonAsync(c.Path("/extensions"), new { windowId = window.GetProperty("id").GetGuid(), days = 60 });
        Assert.Equal(HttpStatusCode.NoContent, extended.StatusCode);
        clock.SetUtcNow(StartOf(end.AddDays(60 - 30)));
        await monitor.RaiseDueAsync(default);
        await monitor.RaiseDueAsync(default);

        await using var session = store.QuerySession();
        var raised = (await session.Events.FetchStreamAsync(c.Id)).Select(e => e.Data).OfType<EligibilityExpiring>().ToList();
        Assert.Equal([(14, end), (30, end.AddDays(60))], raised.Select(e => (e.ThresholdDays, e.EndsOn)));
    }

    [Fact]
    public async Task Services_delivered_inside_a_per_capita_window_are_claimed_once_voided_in_error_and_listed_as_csv()
    {
        var c = await new TestCase(fixture).OpenAsync();
        var clinic = TestTokens.NewAgency("clinic");
        var start = Today.AddDays(-40);
        await c.EnrollAsync("per-capita-pre-certification", start);
        var on = start.AddDays(5);
        var month = on.ToString("yyyy-MM");
        var (therapy, job, early, wrong, referral) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        await c.DeliverAsync(therapy, referral, clinic, ServiceType.MentalHealth, on, 2, ServiceUnit.Sessions);
        await c.DeliverAsync(therapy, referral, clinic, ServiceType.MentalHealth, on, 2, ServiceUnit.Sessions);     // redelivered
        await c.DeliverAsync(job, referral, clinic, ServiceType.Employment, on, 3, ServiceUnit.Hours);              // not covered before certification
        await c.DeliverAsync(early, referral, clinic, ServiceType.Medical, start.AddDays(-1), 1, ServiceUnit.Visits); // before the window
        await c.DeliverAsync(wrong, referral, clinic, ServiceType.Medical, on, 1, ServiceUnit.Visits);
        await c.EnterServiceInErrorAsync(wrong, referral, clinic);

        var record = await TestCase.EventuallyAsync(c.RecordAsync, r => r.GetProperty("claims").GetProperty("voided").GetInt32() == 1);
        Assert.Equal(1, record.GetProperty("claims").GetProperty("claimed").GetInt32());
        Assert.Equal(2, record.GetProperty("claims").GetProperty("notReimbursable").GetInt32());

        var asProvider = await fixture.ClientFor(clinic, PlatformRoles.Provider).GetFromJsonAsync<JsonElement>($"/api/eligibility/claims?month={month}");
        var line = Assert.Single(asProvider.GetProperty("lines").EnumerateArray());
        Assert.Equal(therapy, line.GetProperty("serviceRecordId").GetGuid());
        Assert.Equal("per-capita-pre-certification", line.GetProperty("programId").GetString());
        Assert.Equal(1, (await c.AsLead.GetFromJsonAsync<JsonElement>($"/api/eligibility/claims?month={month}")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await fixture.ClientFor(TestTokens.NewAgency()).GetFromJsonAsync<JsonElement>($"/api/eligibility/claims?month={month}"))
            .GetProperty("count").GetInt32());

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/eligibility/claims?month={month}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await fixture.ClientFor(clinic, PlatformRoles.Provider).SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("case_id,service_record_id,", rows[0]);
        Assert.Equal($"{c.Id},{therapy},{on:yyyy-MM-dd},mental-health,2,sessions,per-capita-pre-certification,Per-capita pre-certification services,{clinic}",
            rows[1]);
        Assert.Equal("Total,1 services,,,2,sessions,,,", rows[2]);

        var summary = await fixture.ClientFor("agency-audit", PlatformRoles.Administrator)
            .GetFromJsonAsync<JsonElement>($"/api/eligibility/claims/summary?month={month}");
        Assert.Contains(summary.GetProperty("figures").EnumerateArray(), f => f.GetProperty("serviceType").GetString() == "mental-health"
            && f.GetProperty("programId").GetString() == "per-capita-pre-certification");
        Assert.DoesNotContain("caseId", summary.GetRawText());
    }

    private static async Task<List<int>> ThresholdsAsync(IDocumentStore store, Guid caseId)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Select(e => e.Data).OfType<EligibilityExpiring>().Select(e => e.ThresholdDays).ToList();
    }

    private static async Task<int> CountAsync<TEvent>(IDocumentStore store, Guid caseId)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(caseId)).Count(e => e.Data is TEvent);
    }

    [Fact]
    public async Task Deadlines_accept_any_horizon_up_to_the_longest_window_with_its_renewal()
    {
        // The shipped benefit-renewal program: 6 months (counted as 31 days each), renewed once.
        const int longest = 6 * 31 * 2;
        var c = await new TestCase(fixture).OpenAsync();
        var window = (await c.EnrollAsync("benefit-renewal", Today)).GetProperty("id").GetGuid();
        var renewal = await c.AsLead.PostAsJsonAsync(c.Path("/renewals"), new { windowId = window });
        Assert.Equal(HttpStatusCode.NoContent, renewal.StatusCode);

        var furthest = await c.AsLead.GetFromJsonAsync<JsonElement>($"/api/eligibility/deadlines?withinDays={longest}");
        var beyond = await c.AsLead.GetAsync($"/api/eligibility/deadlines?withinDays={longest + 1}");

        Assert.Contains(furthest.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("caseId").GetGuid() == c.Id);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Equal("application/problem+json", beyond.Content.Headers.ContentType?.MediaType);
        var problem = await beyond.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"0 to {longest}", problem.GetProperty("errors").GetProperty("withinDays")[0].GetString());
        var document = await fixture.ClientFor(c.Lead).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var parameter = document.GetProperty("paths").GetProperty("/api/eligibility/deadlines").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "withinDays");
        Assert.Contains($"0 to {longest}", parameter.GetProperty("description").GetString());
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
