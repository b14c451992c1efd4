using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    private static readonly object Opening = new
    {
        referralSource = "hotline",
        clientCategory = "foreign-national",
        ageGroup = "minor",
        traffickingType = "sex",
        preferredLanguage = "tl",
        interpreterNeeded = true,
    };

    [Fact]
    public async Task A_case_opened_through_the_gateway_is_read_back_by_its_lead_agency_only_and_announced_on_the_bus()
    {
        var lead = platform.ThroughGateway(TestTokens.NewAgency());

        var opened = await lead.PostAsJsonAsync("/api/intake/cases", Opening);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal("\"1\"", opened.Headers.ETag?.Tag);

        var read = await lead.GetAsync(opened.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("minor", body.GetProperty("ageGroup").GetString());

        var stranger = await platform.ThroughGateway(TestTokens.NewAgency()).GetAsync(opened.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        var caseId = body.GetProperty("id").GetGuid();
        var seen = await platform.Consumer.WaitForAsync(caseId, 1);
        Assert.Equal("CaseOpened", Assert.Single(seen).MessageType);
    }

    [Theory]
    [MemberData(nameof(BadRequests.OpeningACaseData), MemberType = typeof(BadRequests))]
    public async Task Bad_input_through_the_gateway_is_answered_with_a_problem(string name)
    {
        var bad = BadRequests.Named(name);

        var response = await platform.ThroughGateway().SendAsync(bad.Build(platform.Tokens));

        Assert.Equal(bad.Expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (bad.Field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(bad.Field, out _), $"no error for {bad.Field}");
    }

    [Fact]
    public async Task A_service_that_is_not_running_answers_503_as_a_problem_at_once()
    {
        var client = platform.ThroughGateway(TestTokens.NewAgency());
        var clock = Stopwatch.StartNew();

        var response = await client.GetAsync("/api/eligibility/cases");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_gateway_checks_the_role_per_route_before_the_service_sees_the_request()
    {
        var provider = platform.ThroughGateway(TestTokens.NewAgency(), "provider");

        var response = await provider.PostAsJsonAsync("/api/intake/cases", Opening);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agency_over_its_rate_limit_gets_429_with_retry_after_while_another_agency_is_served()
    {
        var busy = platform.ThroughGateway(TestTokens.NewAgency());
        var responses = await Task.WhenAll(Enumerable.Range(0, PlatformFixture.PermitsPerSecond * 3)
            .Select(_ => busy.GetAsync($"/api/intake/cases/{Guid.NewGuid()}")));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);

        var other = await platform.ThroughGateway(TestTokens.NewAgency()).GetAsync($"/api/intake/cases/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_callers_correlation_id_travels_through_the_gateway_and_comes_back_once()
    {
        var client = platform.ThroughGateway(TestTokens.NewAgency());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/cases") { Content = JsonContent.Create(Opening) };
        request.Headers.Add("X-Correlation-Id", "e2e-correlation-0001");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["e2e-correlation-0001"], response.Headers.GetValues("X-Correlation-Id"));
    }

    [Fact]
    public async Task Every_services_openapi_document_and_the_api_reference_are_served_without_a_token()
    {
        var anonymous = platform.ThroughGateway();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/intake.json");
        var docs = await anonymous.GetAsync("/docs/");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/intake/cases", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/intake.json", await docs.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/docs/openapi/intake.json")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_and_the_service_are_ready()
    {
        var anonymous = platform.ThroughGateway();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(new Uri(platform.Intake.Url, "/health/ready"))).StatusCode);
    }

    [Fact]
    public async Task The_feed_stream_passes_through_the_gateway_unbuffered()
    {
        var agency = TestTokens.NewAgency();
        using var stream = await SseStream.OpenAsync(platform.ThroughGateway(agency), "/api/communications/feed/stream");
        // The first bytes are two short lines: they arrive only if nothing on the way waits to fill a buffer.
        Assert.Equal(": connected", await stream.LineAsync(TimeSpan.FromSeconds(5)));

        var opened = await platform.ThroughGateway(agency).PostAsJsonAsync("/api/intake/cases", Opening);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var events = await stream.UntilAsync(e => e.Data.Contains(caseId.ToString()), TimeSpan.FromSeconds(20));

        Assert.Equal("platform.intake.case-opened", events[^1].Type);
    }
}
