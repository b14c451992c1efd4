using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using Platform.Intake.Cases;
using Platform.Intake.Cases.Reading;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class OpeningAndReadingTests(IntakeFixture fixture)
{
    [Fact]
    public async Task Opening_a_case_answers_201_with_its_location_and_version_and_the_lead_agency_reads_it()
    {
        var agency = TestTokens.NewAgency();
        var client = fixture.ClientFor(agency);

        var (opened, response) = await client.OpenAsync();

        Assert.Equal($"/api/intake/cases/{opened.Id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(agency, opened.LeadAgencyId);
        Assert.Equal(CaseStatus.Open, opened.Status);

        var read = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var view = await read.Content.ReadFromJsonAsync<CaseView>(PlatformJson.Options);
        Assert.Equal(JsonSerializer.Serialize(opened with { OpenedAt = view!.OpenedAt }), JsonSerializer.Serialize(view));
        Assert.Equal(opened.OpenedAt.ToUnixTimeMilliseconds(), view.OpenedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Another_agency_gets_the_same_404_for_an_existing_case_as_for_a_missing_one()
    {
        var (opened, _) = await fixture.ClientFor(TestTokens.NewAgency()).OpenAsync();
        var stranger = fixture.ClientFor(TestTokens.NewAgency(), PlatformRoles.Supervisor);

        var existing = await stranger.GetAsync($"/api/intake/cases/{opened.Id}");
        var missing = await stranger.GetAsync($"/api/intake/cases/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (a, b) = (await existing.ProblemAsync(), await missing.ProblemAsync());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.False(existing.Headers.Contains("ETag"));
    }

    [Fact]
    public async Task Only_case_workers_open_cases()
    {
        var provider = fixture.ClientFor(TestTokens.NewAgency(), PlatformRoles.Provider);

        var response = await provider.PostAsJsonAsync("/api/intake/cases", CaseRequests.ValidOpening());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task A_case_is_closed_only_at_the_version_the_caller_read_and_a_closed_case_refuses_closing_again()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await client.OpenAsync();
        var closure = new { reason = "goals-achieved" };

        var stale = await client.SendAsync(Post($"/api/intake/cases/{opened.Id}/closure", closure, ifMatch: "\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"1\"", stale.Headers.ETag?.Tag);

        var closed = await client.SendAsync(Post($"/api/intake/cases/{opened.Id}/closure", closure, ifMatch: "\"1\""));
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal("\"2\"", closed.Headers.ETag?.Tag);

        var again = await client.SendAsync(Post($"/api/intake/cases/{opened.Id}/closure", closure, ifMatch: "\"2\""));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already closed", (await again.ProblemAsync()).GetProperty("detail").GetString());

        var view = await client.GetFromJsonAsync<CaseView>($"/api/intake/cases/{opened.Id}", PlatformJson.Options);
        Assert.Equal(CaseStatus.Closed, view!.Status);
        Assert.Equal(2, view.Version);
    }

    [Fact]
    public async Task Another_agency_cannot_close_a_case_and_learns_nothing_from_trying()
    {
        var (opened, _) = await fixture.ClientFor(TestTokens.NewAgency()).OpenAsync();
        var stranger = fixture.ClientFor(TestTokens.NewAgency());

        var response = await stranger.SendAsync(Post($"/api/intake/cases/{opened.Id}/closure", new { reason = "other" }, ifMatch: "\"9\""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_opens_one_case_and_gets_the_first_answer_again()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));
        var retry = await client.SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_refused_with_422()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening("es"), idempotencyKey: key));
        var other = await client.SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening("fr"), idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.True((await other.ProblemAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Idempotency_keys_are_per_agency()
    {
        var key = Guid.NewGuid().ToString();

        var a = await fixture.ClientFor(TestTokens.NewAgency()).SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));
        var b = await fixture.ClientFor(TestTokens.NewAgency()).SendAsync(Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual(a.Headers.Location, b.Headers.Location);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_token_and_ready_checks_postgres_and_rabbitmq()
    {
        var client = fixture.App.CreateClient();

        var live = await client.GetAsync("/health/live");
        // The bus connects in the background after start-up; readiness follows within seconds.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage readiness;
        while ((readiness = await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        var ready = await readiness.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", ready);
        Assert.Contains("\"postgresql\":\"Healthy\"", ready);
        Assert.Contains("\"masstransit-bus\":\"Healthy\"", ready);
    }

    internal static HttpRequestMessage Post(string url, object body, string? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }
}
