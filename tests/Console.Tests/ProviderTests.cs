using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ProviderTests(ConsoleFixture platform)
{
    static ProviderTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_provider_accepts_a_referral_records_a_delivered_service_and_completes_it()
    {
        var lead = TestTokens.NewAgency("lead");
        var shelter = TestTokens.NewAgency("shelter");
        var provider = platform.ThroughGateway(shelter, "provider");
        var organization = await Created(await provider.PostAsJsonAsync("/api/providers/organizations", new { name = "Synthetic test shelter" }));
        var service = await Created(await provider.PostAsJsonAsync($"/api/providers/organizations/{organization}/services", new
        {
            type = "shelter", languages = new[] { "es", "en" }, ageGroups = new[] { "adult" },
            clientCategories = new[] { "foreign-national" }, interpretationOffered = true, hours = new { alwaysOpen = true },
            serviceAreas = new[] { "us-tx-harris" },
        }));
        var api = platform.ThroughGateway(lead);
        var caseId = await Created(await api.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = true, label = "SYNTH-REFERRAL-001",
        }));
        // Referral learns of the case from Intake's event a moment later; until then the request is a 404 that changes nothing.
        var requested = await Eventually.AnsweredAsync(() => api.PostAsJsonAsync("/api/referrals",
            new { caseId, serviceId = service, need = "housing", language = "es", interpreterNeeded = true }), HttpStatusCode.Created);
        var referral = await Created(requested);

        await using var person = await Person.SignInAsync(platform, "referral", shelter, "provider", "shelter-user-02");
        var page = person.Page;
        await page.ClickAsync("nav a[href='referrals']");
        var card = page.Locator($"#referral-{referral}");
        await Expect(card.Locator(".referral-status")).ToHaveTextAsync("Requested");
        await person.CheckPageAsync("referral-requested");

        await card.Locator("button.accept").ClickAsync();
        await Expect(card.Locator(".referral-status")).ToHaveTextAsync("Accepted");
        await card.Locator("button.start").ClickAsync();
        await Expect(card.Locator(".referral-status")).ToHaveTextAsync("In progress");
        await card.Locator($"#referral-{referral}-units").FillAsync("2");
        await card.Locator($"#referral-{referral}-unit").SelectOptionAsync("nights");
        await card.Locator("button.record").ClickAsync();
        await Expect(card).ToContainTextAsync("services recorded: 1");
        await person.CheckPageAsync("referral-delivered");
        await card.Locator("button.complete").ClickAsync();
        await Expect(card.Locator(".referral-status")).ToHaveTextAsync("Completed");
        await person.CheckPageAsync("referral-completed");

        // The ledger the lead agency reads holds exactly the service recorded in the console.
        var ledger = await api.GetFromJsonAsync<JsonElement>($"/api/referrals/{referral}/services");
        var entry = Assert.Single(ledger.EnumerateArray());
        Assert.Equal(2m, entry.GetProperty("units").GetDecimal());
        Assert.Equal("nights", entry.GetProperty("unit").GetString());
    }

    private static async Task<string> Created(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
