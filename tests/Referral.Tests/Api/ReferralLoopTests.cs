using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Referral.Tests.Api;

[Collection(ReferralCollection.Name)]
public sealed class ReferralLoopTests(ReferralFixture fixture)
{
    private static HttpRequestMessage Post(string url, object? body = null, string? ifMatch = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task The_lead_refers_the_provider_accepts_starts_records_a_night_and_completes_and_the_other_services_hear_of_it()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var requested = await ReferralScenario.Expect(s.LeadClient.PostAsJsonAsync("/api/referrals", s.RequestBody()), HttpStatusCode.Created);
        var referral = await Json(requested);
        var url = requested.Headers.Location!.ToString();
        Assert.Equal("\"1\"", requested.Headers.ETag?.Tag);
        Assert.Equal("requested", referral.GetProperty("status").GetString());
        Assert.Equal(s.Provider, referral.GetProperty("receivingAgencyId").GetString());

        var incoming = await s.ProviderClient.GetFromJsonAsync<JsonElement[]>("/api/referrals/incoming?status=requested");
        Assert.Contains(incoming!, r => r.GetProperty("id").GetString() == referral.GetProperty("id").GetString());

        var provider = s.ProviderClient;
        Assert.Equal("\"2\"", (await ReferralScenario.Expect(provider.SendAsync(Post($"{url}/acceptance", ifMatch: "\"1\"")), HttpStatusCode.NoContent))
            .Headers.ETag?.Tag);
        await ReferralScenario.Expect(provider.SendAsync(Post($"{url}/start")), HttpStatusCode.NoContent);
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var delivered = await ReferralScenario.Expect(provider.PostAsJsonAsync($"{url}/services",
            new { deliveredOn = today, serviceType = "shelter", units = 1, unit = "nights" }), HttpStatusCode.Created);
        Assert.Equal("nights", (await Json(delivered)).GetProperty("unit").GetString());
        await ReferralScenario.Expect(provider.SendAsync(Post($"{url}/completion")), HttpStatusCode.NoContent);

        var read = await ReferralScenario.Expect(s.LeadClient.GetAsync(url), HttpStatusCode.OK);
        var done = await Json(read);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("servicesDelivered").GetInt32());
        Assert.Equal("\"5\"", read.Headers.ETag?.Tag);

        var seen = await fixture.Consumer.WaitForAsync(s.CaseId, 2);
        var accepted = Assert.Single(seen, e => e.MessageType == "ReferralAccepted");
        Assert.Equal(s.Provider, accepted.AgencyId);
        Assert.Contains($"ReceivingAgencyId = {s.Provider}", accepted.Summary);
        Assert.Contains("ServiceType = Shelter", accepted.Summary);
        var service = Assert.Single(seen, e => e.MessageType == "ServiceDelivered");
        Assert.Contains("Units = 1", service.Summary);
        Assert.Contains("Unit = Nights", service.Summary);
    }

    [Fact]
    public async Task A_closed_case_takes_no_new_referral_until_it_is_reopened()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        await s.SetClosedAsync(true);

        var closed = await s.LeadClient.PostAsJsonAsync("/api/referrals", s.RequestBody());
        await s.SetClosedAsync(false);

        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        await s.RequestAsync();
    }

    [Fact]
    public async Task A_stale_If_Match_gets_412_with_the_current_ETag_and_a_second_acceptance_gets_409()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var url = $"/api/referrals/{await s.RequestAsync()}";

        var stale = await s.ProviderClient.SendAsync(Post($"{url}/acceptance", ifMatch: "\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"1\"", stale.Headers.ETag?.Tag);

        await ReferralScenario.Expect(s.ProviderClient.SendAsync(Post($"{url}/acceptance")), HttpStatusCode.NoContent);
        var again = await s.ProviderClient.SendAsync(Post($"{url}/acceptance"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cannot be accepted", (await Json(again)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_retried_request_with_the_same_Idempotency_Key_makes_one_referral_and_gets_the_first_answer_again()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var key = Guid.NewGuid().ToString();

        var first = await ReferralScenario.Expect(s.LeadClient.SendAsync(Post("/api/referrals", s.RequestBody(), key: key)), HttpStatusCode.Created);
        var retry = await ReferralScenario.Expect(s.LeadClient.SendAsync(Post("/api/referrals", s.RequestBody(), key: key)), HttpStatusCode.Created);

        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await Json(first)).GetProperty("id").GetString(), (await Json(retry)).GetProperty("id").GetString());
        var ofCase = await s.LeadClient.GetFromJsonAsync<JsonElement[]>($"/api/referrals?caseId={s.CaseId}");
        Assert.Single(ofCase!);
    }

    [Fact]
    public async Task Each_side_keeps_to_its_part_the_requester_cannot_accept_and_the_provider_cannot_cancel()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var url = $"/api/referrals/{await s.RequestAsync()}";

        var accept = await s.LeadClient.SendAsync(Post($"{url}/acceptance"));
        var cancel = await s.ProviderClient.SendAsync(Post($"{url}/cancellation"));

        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        await ReferralScenario.Expect(s.ProviderClient.PostAsJsonAsync($"{url}/rejection", new { reason = "no-capacity" }), HttpStatusCode.NoContent);
        var rejected = await s.LeadClient.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("no-capacity", rejected.GetProperty("rejectionReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await s.LeadClient.SendAsync(Post($"{url}/cancellation"))).StatusCode);
        await ReferralScenario.Expect(s.LeadClient.SendAsync(Post($"{url}/entered-in-error")), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_wrong_service_record_is_marked_entered_in_error_and_stays_listed()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var url = $"/api/referrals/{await s.RequestAsync()}";
        await ReferralScenario.Expect(s.ProviderClient.SendAsync(Post($"{url}/acceptance")), HttpStatusCode.NoContent);
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var recorded = await ReferralScenario.Expect(s.ProviderClient.PostAsJsonAsync($"{url}/services",
            new { deliveredOn = today, serviceType = "shelter", units = 2, unit = "nights" }), HttpStatusCode.Created);
        var record = recorded.Headers.Location!.ToString();

        await ReferralScenario.Expect(s.ProviderClient.SendAsync(Post($"{record}/entered-in-error")), HttpStatusCode.NoContent);
        var again = await s.ProviderClient.SendAsync(Post($"{record}/entered-in-error"));
        var byLead = await s.LeadClient.SendAsync(Post($"{record}/entered-in-error"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        var ledger = await s.LeadClient.GetFromJsonAsync<JsonElement[]>($"{url}/services");
        var entry = Assert.Single(ledger!);
        Assert.True(entry.GetProperty("enteredInError").GetBoolean());
        Assert.Equal(2, entry.GetProperty("units").GetDecimal());
        Assert.Equal(0, (await s.LeadClient.GetFromJsonAsync<JsonElement>(url)).GetProperty("servicesDelivered").GetInt32());
    }

    [Fact]
    public async Task Bad_inputs_get_400_problems_naming_the_field_at_fault()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var url = $"/api/referrals/{await s.RequestAsync()}";

        async Task ExpectField(Task<HttpResponseMessage> call, string field)
        {
            var response = await call;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), $"{field} not named");
        }

        await ExpectField(s.LeadClient.PostAsJsonAsync("/api/referrals", new { caseId = s.CaseId, serviceId = s.ServiceId, need = "housing",
            interpreterNeeded = false }), "language");
        await ExpectField(s.LeadClient.PostAsJsonAsync("/api/referrals", new { caseId = s.CaseId, need = "housing", language = "es",
            interpreterNeeded = false }), "serviceId");
        await ExpectField(s.LeadClient.PostAsJsonAsync("/api/referrals", s.RequestBody(Guid.NewGuid())), "serviceId");
        await ExpectField(s.ProviderClient.PostAsJsonAsync($"{url}/rejection", new { }), "reason");
        await ExpectField(s.ProviderClient.PostAsJsonAsync($"{url}/services", new { deliveredOn = "2026-03-02", serviceType = "shelter",
            units = -1, unit = "nights" }), "units");
        await ExpectField(s.LeadClient.GetAsync("/api/referrals"), "caseId");
        await ExpectField(s.ProviderClient.GetAsync("/api/referrals/incoming?status=done"), "status");
        await ExpectField(s.LeadClient.GetAsync("/api/providers/match?type=shelter&ageGroup=child"), "ageGroup");
        await ExpectField(s.LeadClient.GetAsync("/api/providers/match?language=es"), "type");
        var unknownEnum = await s.LeadClient.PostAsJsonAsync("/api/referrals", new { caseId = s.CaseId, serviceId = s.ServiceId,
            need = "spaceflight", language = "es", interpreterNeeded = false });
        Assert.Equal(HttpStatusCode.BadRequest, unknownEnum.StatusCode);
    }

    [Fact]
    public async Task Law_enforcement_reads_nothing_it_may_not_and_makes_no_referral()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var police = fixture.ClientFor(s.Lead, PlatformRoles.LawEnforcement);

        var response = await police.PostAsJsonAsync("/api/referrals", s.RequestBody());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
