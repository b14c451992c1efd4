using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Intake.Cases.Reading;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

/// <summary>The lead agency's own label for a case: a reference for its lists, seen by the lead only.</summary>
[Collection(IntakeCollection.Name)]
public sealed class CaseLabelTests(IntakeFixture fixture)
{
    private static object Opening(string? label) => new
    {
        referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
        preferredLanguage = "es", interpreterNeeded = false, label,
    };

    [Fact]
    public async Task The_lead_agency_reads_the_label_it_chose_and_a_team_agency_with_consent_does_not()
    {
        var lead = TestTokens.NewAgency();
        var shelter = TestTokens.NewAgency("shelter");
        var client = fixture.ClientFor(lead);
        var opened = await client.PostAsJsonAsync("/api/intake/cases", Opening("  SYNTH-LABEL-01 "));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var view = (await opened.Content.ReadFromJsonAsync<CaseView>(PlatformJson.Options))!;
        Assert.Equal("SYNTH-LABEL-01", view.Label);

        (await client.PostAsJsonAsync($"/api/intake/cases/{view.Id}/team", new { agencyId = shelter, role = "shelter" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/intake/cases/{view.Id}/consents", new
        {
            agencyId = shelter, categories = new[] { "needs" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30), givenBy = "client",
            releaseReference = "release-synth-label",
        })).EnsureSuccessStatusCode();

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/intake/cases?limit=5");
        Assert.Equal("SYNTH-LABEL-01", listed.GetProperty("items")[0].GetProperty("label").GetString());
        var shared = await fixture.ClientFor(shelter, PlatformRoles.Provider).GetFromJsonAsync<JsonElement>($"/api/intake/cases/{view.Id}");
        Assert.True(!shared.TryGetProperty("label", out var label) || label.ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a label far longer than the sixty characters a list of cases has room for, really")]
    public async Task A_label_that_is_blank_or_too_long_is_refused_naming_the_field(string label)
    {
        var response = await fixture.ClientFor(TestTokens.NewAgency()).PostAsJsonAsync("/api/intake/cases", Opening(label));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("label", out _));
    }
}
