using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AdministratorTests(ConsoleFixture platform)
{
    static AdministratorTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task An_administrator_sees_the_chain_verified_and_a_cases_history_and_disclosures()
    {
        var lead = TestTokens.NewAgency("lead");
        var api = platform.ThroughGateway(lead);
        var opened = await api.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = false, label = "SYNTH-AUDIT-001",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await api.GetAsync($"/api/intake/cases/{caseId}")).EnsureSuccessStatusCode();   // a read, for the disclosure log

        await using var admin = await Person.SignInAsync(platform, "audit", TestTokens.NewAgency("admin"), "administrator", "admin-0001");
        await admin.Page.ClickAsync("nav a[href='audit']");
        await Expect(admin.Page.Locator("#chain-result")).ToContainTextAsync("The chain is intact");
        await Expect(admin.Page.Locator("#head-hash")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{64}$"));
        await admin.CheckPageAsync("audit");

        await admin.Page.FillAsync("#audit-case", caseId);
        await admin.Page.ClickAsync("#audit-open");
        await Expect(admin.Page.Locator("#history-list")).ToContainTextAsync(lead);
        await Expect(admin.Page.Locator("#history-list > li")).ToHaveCountAsync(1);
        await admin.CheckPageAsync("case-history");

        // The lead agency's case manager reaches the same from the case page, and the reads are on record.
        await using var manager = await Person.SignInAsync(platform, "audit-lead", lead, "case-manager", "cm-0005");
        await manager.GoAsync($"/cases/{caseId}");
        await manager.Page.ClickAsync("#history-link");
        await Expect(manager.Page.Locator("#history-list > li")).ToHaveCountAsync(1);
        // Reads reach the disclosure log through Communications a moment later: look again until they show.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await manager.Page.Locator("#disclosure-list").InnerTextAsync()).Contains(lead, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the lead agency's read never reached the disclosure log");
            await Task.Delay(250);
            await manager.Page.ReloadAsync();
        }
        await manager.CheckPageAsync("lead-history");
    }
}
