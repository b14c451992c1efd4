using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class PlanTests(ConsoleFixture platform)
{
    static PlanTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_case_manager_sets_a_goal_in_the_clients_words_and_records_the_clients_agreement()
    {
        var lead = TestTokens.NewAgency("lead");
        var opened = await platform.ThroughGateway(lead).PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = false, label = "SYNTH-PLAN-001",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await using var manager = await Person.SignInAsync(platform, "plan", lead, "case-manager", "cm-0006");
        await manager.GoAsync($"/cases/{caseId}");
        await manager.Page.ClickAsync("#plan-link");
        // ServicePlan starts the plan from Intake's event a moment later; until then the page is "not available".
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await manager.Page.Locator("#goals").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the plan never started");
            await Task.Delay(250);
            await manager.Page.ReloadAsync();
        }
        await manager.CheckPageAsync("plan-empty");

        await manager.Page.SelectOptionAsync("#goal-domain", "housing");
        await manager.Page.FillAsync("#goal-desiredOutcome", "Stable housing");
        await manager.Page.FillAsync("#goal-clientWords", "a safe place of my own");
        await manager.Page.ClickAsync("#goal-submit");
        await Expect(manager.Page.Locator("#goal-list")).ToContainTextAsync("a safe place of my own");
        await Expect(manager.Page.Locator("#goal-list .goal-status")).ToHaveTextAsync("Proposed");
        await manager.Page.ClickAsync("#agree-submit");
        await Expect(manager.Page.Locator("#agreement-state")).ToContainTextAsync("The client agreed to version");
        await Expect(manager.Page.Locator("#goal-list .goal-status")).ToHaveTextAsync("Accepted");
        await manager.CheckPageAsync("plan-agreed");
    }
}
