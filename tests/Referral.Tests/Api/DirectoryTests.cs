using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Referral.Tests.Api;

[Collection(ReferralCollection.Name)]
public sealed class DirectoryTests(ReferralFixture fixture)
{
    private readonly string _area = $"test-{Guid.NewGuid():N}"[..20];

    private async Task<(string Agency, Guid Organization, Guid Service)> ProviderAsync(object service, int? available = null, int maximum = 10,
        string unit = "beds")
    {
        var agency = TestTokens.NewAgency("provider");
        var (organization, serviceId) = await new ReferralScenario(fixture).RegisterProviderAsync(agency, service);
        if (available is not null)
            await ReferralScenario.Expect(fixture.ClientFor(agency, PlatformRoles.Provider).PutAsJsonAsync(
                $"/api/providers/organizations/{organization}/services/{serviceId}/capacity", new { available, maximum, unit }),
                HttpStatusCode.NoContent);
        return (agency, organization, serviceId);
    }

    private async Task<JsonElement[]> MatchAsync(string query)
    {
        var result = await fixture.ClientFor(TestTokens.NewAgency("lead")).GetFromJsonAsync<JsonElement>($"/api/providers/match?{query}&area={_area}");
        return result.GetProperty("matches").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task A_Spanish_speaking_minor_needing_shelter_is_matched_to_minor_shelters_with_room_first_and_never_to_an_adult_shelter()
    {
        var adultsOnly = await ProviderAsync(Directory.Service("shelter", ["es"], ["adult"], _area), available: 5);
        var full = await ProviderAsync(Directory.ShelterForMinors("es", _area), available: 0);
        var englishWithInterpreters = await ProviderAsync(Directory.ShelterForMinors("en", _area, interpretation: true), available: 2);
        var spanish = await ProviderAsync(Directory.ShelterForMinors("es-MX", _area), available: 3);
        var clinic = await ProviderAsync(Directory.Service("medical", ["es"], ["minor"], _area), available: 4);

        var matches = await MatchAsync("type=shelter&language=es&ageGroup=minor&age=15&clientCategory=foreign-national&interpreterNeeded=true");

        Assert.Equal([spanish.Service, englishWithInterpreters.Service, full.Service], matches.Select(m => m.GetProperty("serviceId").GetGuid()));
        Assert.DoesNotContain(matches, m => m.GetProperty("serviceId").GetGuid() == adultsOnly.Service);
        Assert.DoesNotContain(matches, m => m.GetProperty("serviceId").GetGuid() == clinic.Service);
        var why = matches[0].GetProperty("explanation").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("speaks es", why);
        Assert.Contains("3 of 10 beds available", string.Join(";", why));
        Assert.Contains("at capacity", string.Join(";", matches[2].GetProperty("explanation").EnumerateArray().Select(e => e.GetString())));
    }

    [Fact]
    public async Task An_adult_needing_legal_help_for_a_T_visa_is_matched_to_immigration_legal_services_and_a_full_one_never_comes_first()
    {
        var generalLegal = await ProviderAsync(Directory.Service("legal", ["es"], ["adult"], _area), available: 6);
        var fullButPerfect = await ProviderAsync(Directory.Service("immigration-legal", ["es"], ["adult"], _area, interpretation: true,
            clientCategories: ["foreign-national"]), available: 0, unit: "slots");
        var withRoom = await ProviderAsync(Directory.Service("immigration-legal", ["en"], [], _area, interpretation: true), available: 1,
            unit: "slots");
        var citizensOnly = await ProviderAsync(Directory.Service("immigration-legal", ["es"], ["adult"], _area,
            clientCategories: ["us-citizen-or-permanent-resident"]), available: 3, unit: "slots");
        var unpublished = await ProviderAsync(Directory.Service("immigration-legal", ["es"], ["adult"], _area));

        var matches = await MatchAsync("type=immigration-legal&language=es&ageGroup=adult&clientCategory=foreign-national");

        Assert.Equal([withRoom.Service, unpublished.Service, fullButPerfect.Service], matches.Select(m => m.GetProperty("serviceId").GetGuid()));
        Assert.DoesNotContain(matches, m => m.GetProperty("serviceId").GetGuid() == generalLegal.Service);
        Assert.DoesNotContain(matches, m => m.GetProperty("serviceId").GetGuid() == citizensOnly.Service);
        Assert.Contains("speaks es", matches[2].GetProperty("explanation").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("at capacity", string.Join(";", matches[2].GetProperty("explanation").EnumerateArray().Select(e => e.GetString())));
    }

    [Fact]
    public async Task No_endpoint_ever_returns_a_shelter_address_and_a_shelter_shows_no_location_at_all()
    {
        const string shelterAddress = "4821 Synthetic Hollow Lane";
        const string clinicAddress = "17 Placeholder Avenue";
        var scenario = await ReferralScenario.StartAsync(fixture);
        var shelterClient = scenario.ProviderClient;
        var shelterLocation = await shelterClient.PostAsJsonAsync($"/api/providers/organizations/{scenario.OrganizationId}/locations",
            new { kind = "physical", address = shelterAddress, city = "Springfield", region = "XX", confidential = false });
        var (clinicAgency, clinicOrganization, _) = await ProviderAsync(Directory.Service("medical", ["es"], [], _area), available: 2);
        await ReferralScenario.Expect(fixture.ClientFor(clinicAgency, PlatformRoles.Provider).PostAsJsonAsync(
            $"/api/providers/organizations/{clinicOrganization}/locations",
            new { kind = "physical", address = clinicAddress, city = "Shelbyville", region = "XX", confidential = false }), HttpStatusCode.Created);
        var referral = $"/api/referrals/{await scenario.RequestAsync()}";

        var responses = new List<string> { await shelterLocation.Content.ReadAsStringAsync() };
        foreach (var url in new[]
                 {
                     "/api/providers/organizations", $"/api/providers/organizations/{scenario.OrganizationId}",
                     $"/api/providers/organizations/{clinicOrganization}", $"/api/providers/match?type=shelter&area=test-area",
                     $"/api/providers/match?type=medical&area={_area}", referral, $"/api/referrals?caseId={scenario.CaseId}",
                 })
            responses.Add(await (await scenario.LeadClient.GetAsync(url)).Content.ReadAsStringAsync());
        responses.Add(await (await shelterClient.GetAsync("/api/referrals/incoming")).Content.ReadAsStringAsync());
        responses.Add(await (await shelterClient.GetAsync($"/api/providers/organizations/{scenario.OrganizationId}")).Content.ReadAsStringAsync());

        Assert.All(responses, r => Assert.DoesNotContain("Synthetic Hollow", r, StringComparison.OrdinalIgnoreCase));
        Assert.All(responses, r => Assert.DoesNotContain("Placeholder Avenue", r, StringComparison.OrdinalIgnoreCase));
        Assert.True((await shelterLocation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confidential").GetBoolean());
        var shelter = await scenario.LeadClient.GetFromJsonAsync<JsonElement>($"/api/providers/organizations/{scenario.OrganizationId}");
        Assert.Equal(0, shelter.GetProperty("locations").GetArrayLength());
        var clinic = await scenario.LeadClient.GetFromJsonAsync<JsonElement>($"/api/providers/organizations/{clinicOrganization}");
        Assert.Equal("Shelbyville", clinic.GetProperty("locations")[0].GetProperty("city").GetString());
    }

    [Fact]
    public async Task A_provider_keeps_only_its_own_organization_an_administrator_any_and_case_workers_none()
    {
        var (agency, organization, service) = await ProviderAsync(Directory.Service("benefits", ["en"], [], _area));
        var url = $"/api/providers/organizations/{organization}/services";
        var body = Directory.Service("benefits", ["en", "fr"], [], _area);

        var otherProvider = await fixture.ClientFor(TestTokens.NewAgency("provider"), PlatformRoles.Provider).PostAsJsonAsync(url, body);
        var caseManager = await fixture.ClientFor(agency, PlatformRoles.CaseManager).PostAsJsonAsync(url, body);
        var administrator = await fixture.ClientFor("platform-admin", PlatformRoles.Administrator).PutAsJsonAsync($"{url}/{service}", body);
        var anonymous = await fixture.ClientFor(null).GetAsync("/api/providers/organizations");
        var registersAnother = await fixture.ClientFor(TestTokens.NewAgency("provider"), PlatformRoles.Provider)
            .PostAsJsonAsync("/api/providers/organizations", new { name = "Synthetic", agencyId = agency });
        var twice = await fixture.ClientFor(agency, PlatformRoles.Provider).PostAsJsonAsync("/api/providers/organizations", new { name = "Again" });

        Assert.Equal(HttpStatusCode.NotFound, otherProvider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, caseManager.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, administrator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, registersAnother.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var read = await fixture.ClientFor(agency, PlatformRoles.Provider).GetFromJsonAsync<JsonElement>($"/api/providers/organizations/{organization}");
        Assert.Equal(["en", "fr"], read.GetProperty("services")[0].GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }
}
