using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Fuzz.Tests;

/// <summary>What cannot be stored is a 400 problem naming the field at fault, directly and through the gateway; an empty id is unknown.</summary>
[Collection(FuzzCollection.Name)]
public sealed class UnstorableInputTests(FuzzFixture fixture)
{
    public static IEnumerable<object[]> Inputs =>
    [
        ["POST", "assessments", """{"needs":[null],"strengths":[]}""", "needs[0]"],
        ["POST", "assessments", """{"needs":[{"domain":"housing","urgency":"high"}],"strengths":["brave","a\u0000b"]}""", "strengths[1]"],
        ["PUT", "identity", """{"names":[null]}""", "names[0]"],
        ["PUT", "identity", """{"names":["Synthetic Person"],"aliases":["x"],"phone":"\u0000"}""", "phone"],
        ["POST", "consents", """{"agencyId":"shelter-x","categories":["needs"],"expiresAt":"2030-01-01T00:00:00Z","givenBy":"client","releaseReference":"r\u0000"}""", "releaseReference"],
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_value_that_cannot_be_stored_is_a_400_naming_its_field(string method, string resource, string body, string field)
    {
        foreach (var target in new[] { fixture.Services["intake"], fixture.Gateway })
        {
            using var lead = fixture.Client(target, fixture.LeadAgency, "case-manager");
            var response = await lead.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/intake/cases/{fixture.CaseId}/{resource}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
            await AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
        }
    }

    [Fact]
    public async Task An_empty_guid_in_a_body_is_a_400_naming_its_field()
    {
        using var lead = fixture.Client(fixture.Services["referrals"], fixture.LeadAgency, "case-manager");
        var response = await lead.PostAsync("/api/referrals", new StringContent(
            $$"""{"caseId":"{{Guid.Empty}}","serviceId":"{{Guid.NewGuid()}}","need":"housing","language":"es","interpreterNeeded":false}""",
            Encoding.UTF8, "application/json"));
        await AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "caseId");
    }

    [Fact]
    public async Task An_empty_guid_in_a_route_is_an_unknown_id()
    {
        using var lead = fixture.Client(fixture.Gateway, fixture.LeadAgency, "case-manager");
        var read = await lead.GetAsync($"/api/intake/cases/{Guid.Empty}");
        var write = await lead.PostAsync($"/api/intake/cases/{Guid.Empty}/closure",
            new StringContent("""{"reason":"goals-achieved"}""", Encoding.UTF8, "application/json"));
        await AssertProblemNamingAsync(read, HttpStatusCode.NotFound, null);
        await AssertProblemNamingAsync(write, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task A_control_character_in_a_query_value_or_a_header_is_a_400_naming_it()
    {
        using var lead = fixture.Client(fixture.Services["intake"], fixture.LeadAgency, "case-manager");
        await AssertProblemNamingAsync(await lead.GetAsync("/api/intake/cases?status=open%00"), HttpStatusCode.BadRequest, "status");

        var post = new HttpRequestMessage(HttpMethod.Post, "/api/intake/cases")
        {
            Content = new StringContent("""{"referralSource":"hotline"}""", Encoding.UTF8, "application/json"),
        };
        post.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0001");
        await AssertProblemNamingAsync(await lead.SendAsync(post), HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    private static async Task AssertProblemNamingAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null) return;
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"'{field}' is not named in {body}");
    }
}
