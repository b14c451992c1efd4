using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CaseManagerTests(ConsoleFixture platform)
{
    static CaseManagerTests() => SetDefaultExpectTimeout(15_000);

    public static TheoryData<string> Widths => new() { "desktop", "phone" };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task A_shelter_sees_only_the_consented_needs_and_loses_the_case_when_consent_is_revoked(string width)
    {
        var viewport = width == "phone" ? Person.Phone : Person.Desktop;
        var lead = TestTokens.NewAgency("lead");
        var shelter = TestTokens.NewAgency("shelter");
        var test = $"consent-{width}";

        await using var manager = await Person.SignInAsync(platform, test, lead, "case-manager", "cm-0001", viewport);
        var page = manager.Page;
        await Expect(page).ToHaveURLAsync(new Regex("/cases"));
        await manager.CheckPageAsync("caseload");
        // The bearer token stays on the server: not in the page, and the session cookie is out of the scripts' reach.
        Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.", await page.ContentAsync());
        Assert.DoesNotContain(".console.session", await page.EvaluateAsync<string>("() => document.cookie"));

        // Open a case under an obviously synthetic label.
        await manager.GoAsync("/cases/new");
        await manager.CheckPageAsync("open-case");
        await page.FillAsync("#open-label", "SYNTH-CASE-001");
        await page.SelectOptionAsync("#open-referralSource", "hotline");
        await page.SelectOptionAsync("#open-clientCategory", "foreign-national");
        await page.SelectOptionAsync("#open-ageGroup", "adult");
        await page.SelectOptionAsync("#open-traffickingType", "labor");
        await page.FillAsync("#open-preferredLanguage", "es");
        await page.CheckAsync("#open-interpreter-yes");
        await page.ClickAsync("#open-submit");
        await Expect(page.Locator("h1")).ToContainTextAsync("SYNTH-CASE-001");
        var caseUrl = new Uri(page.Url).AbsolutePath;
        Assert.Matches("^/cases/[0-9a-f-]{36}$", caseUrl);
        await manager.CheckPageAsync("case-opened");

        // Assess needs and strengths with the client.
        await page.SelectOptionAsync("#assess-need-housing", "urgent");
        await page.SelectOptionAsync("#assess-need-legal", "high");
        await page.FillAsync("#assess-strengths", "determined");
        await page.ClickAsync("#assess-submit");
        await Expect(page.Locator("#needs-list")).ToContainTextAsync("Housing: Urgent");
        await Expect(page.Locator("#strengths-list")).ToContainTextAsync("determined");

        // Add the shelter to the team and record the client's consent for needs.
        await page.FillAsync("#team-agencyId", shelter);
        await page.SelectOptionAsync("#team-role", "shelter");
        await page.ClickAsync("#team-submit");
        await Expect(page.Locator("#team-list")).ToContainTextAsync(shelter);
        await page.FillAsync("#consent-agencyId", shelter);
        await page.CheckAsync("#consent-category-needs");
        await page.FillAsync("#consent-releaseReference", "release-synth-0001");
        await page.ClickAsync("#consent-submit");
        await Expect(page.Locator("#consent-list")).ToContainTextAsync(shelter);
        await manager.CheckPageAsync("case-shared");

        // The shelter's user finds the case among those shared with the agency and sees the needs, nothing else.
        await using var provider = await Person.SignInAsync(platform, test + "-shelter", shelter, "provider", "shelter-user-01", viewport);
        await Until(async () =>
        {
            await provider.GoAsync("/shared");
            return await provider.Page.Locator($"#shared-list a[href='{caseUrl.TrimStart('/')}']").CountAsync() == 1;
        }, "the shared case appears on the shelter's list");
        await provider.CheckPageAsync("shared-list");
        await provider.Page.ClickAsync($"#shared-list a[href='{caseUrl.TrimStart('/')}']");
        await Expect(provider.Page.Locator("#needs-list")).ToContainTextAsync("Housing: Urgent");
        await Expect(provider.Page.Locator("#visible-categories")).ToHaveTextAsync("Needs");
        foreach (var hidden in new[] { "#team", "#consents", "#manager", "#assess-submit", "#crisis-submit" })
            Assert.Equal(0, await provider.Page.Locator(hidden).CountAsync());
        var shelterView = await provider.Page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("SYNTH-CASE-001", shelterView);
        Assert.DoesNotContain("release-synth-0001", shelterView);
        Assert.DoesNotContain("Identity", shelterView);
        await provider.CheckPageAsync("shelter-case");

        // The client withdraws consent: revoked at once, and the case is gone from the shelter's console.
        await manager.GoAsync(caseUrl);
        await page.Locator("#consent-list button").First.ClickAsync();
        await Expect(page.Locator("#consent-list")).ToHaveCountAsync(0);
        await manager.CheckPageAsync("consent-revoked");

        var gone = await provider.GoAsync(caseUrl);
        Assert.Equal(404, gone.Status);
        await Expect(provider.Page.Locator("#not-available")).ToBeVisibleAsync();
        await provider.CheckPageAsync("shelter-after-revocation");
        await provider.GoAsync("/shared");
        Assert.Equal(0, await provider.Page.Locator($"#shared-list a[href='{caseUrl.TrimStart('/')}']").CountAsync());

        // A case that does not exist reads exactly like one that is no longer shared.
        await provider.GoAsync(caseUrl);
        var notShared = await provider.Page.Locator("main").InnerTextAsync();
        var missing = await provider.GoAsync($"/cases/{Guid.NewGuid()}");
        Assert.Equal(404, missing.Status);
        Assert.Equal(notShared, await provider.Page.Locator("main").InnerTextAsync());
    }

    /// <summary>What another service learns a moment later (through its events): look again until it shows.</summary>
    private static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {seconds} s: {what}.");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_crisis_reported_by_the_lead_shows_at_once_as_urgent_on_the_case_managers_open_case_page()
    {
        var lead = TestTokens.NewAgency("lead");
        var opened = await platform.ThroughGateway(lead).PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = false, label = "SYNTH-CRISIS-001",
        });
        opened.EnsureSuccessStatusCode();
        var caseUrl = opened.Headers.Location!.ToString().Replace("/api/intake", "", StringComparison.Ordinal);

        await using var manager = await Person.SignInAsync(platform, "crisis", lead, "case-manager", "cm-0002");
        await manager.GoAsync(caseUrl);
        await manager.Page.FillAsync("#manager-caseManagerId", "cm-0002");
        await manager.Page.ClickAsync("#manager-submit");
        await Expect(manager.Page.Locator("#case-manager")).ToHaveTextAsync("cm-0002");
        await Expect(manager.Page.Locator("#crisis-alert[data-live='on']")).ToHaveCountAsync(1);
        await Expect(manager.Page.Locator("#crisis-alert .crisis-alert")).ToHaveCountAsync(0);
        await manager.Page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await manager.CheckPageAsync("case-before-crisis");

        // Someone else at the lead agency reports a crisis from their own console.
        await using var colleague = await Person.SignInAsync(platform, "crisis-colleague", lead, "supervisor", "sup-0001");
        await colleague.GoAsync(caseUrl);
        await colleague.Page.SelectOptionAsync("#crisis-kind", "safety-threat");
        await colleague.Page.SelectOptionAsync("#crisis-severity", "critical");
        await colleague.Page.ClickAsync("#crisis-submit");
        await Expect(colleague.Page.Locator("#crisis-list")).ToContainTextAsync("Safety threat");

        // The case manager's page, never reloaded, shows it at once, as an alert.
        var alert = manager.Page.Locator("#crisis-alert .crisis-alert[role='alert']");
        await Expect(alert).ToContainTextAsync("URGENT", new() { Timeout = 10_000 });
        await Expect(alert).ToContainTextAsync("Safety threat");
        Assert.True(await manager.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await manager.CheckPageAsync("case-with-crisis");
    }

    [Fact]
    public async Task A_wrong_input_shows_a_plain_sentence_and_marks_the_field_in_the_persons_language()
    {
        var lead = TestTokens.NewAgency("lead");
        await using var manager = await Person.SignInAsync(platform, "wrong-input", lead, "case-manager", "cm-0003");
        var page = manager.Page;
        await manager.GoAsync("/cases/new");
        await page.FillAsync("#open-preferredLanguage", "not a language");
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#open-submit"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/cases/new", StringComparison.Ordinal));
        Assert.Equal(400, answer.Status);
        await Expect(page.Locator("#problem-open .sentence"))
            .ToHaveTextAsync("Some answers need a change: correct the marked fields and send again.");
        await Expect(page.Locator("#open-preferredLanguage")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#open-preferredLanguage-error")).ToContainTextAsync("BCP 47");
        await Expect(page.Locator("#open-referralSource")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("not a language", await page.InputValueAsync("#open-preferredLanguage"));
        Assert.Equal(0, await page.Locator("#open-label[aria-invalid]").CountAsync());
        await manager.CheckPageAsync("wrong-input");

        // The same in Spanish, once the person chooses it.
        await page.SelectOptionAsync("#language", "es");
        await page.Locator("form[action='settings/language'] button").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.FillAsync("#open-preferredLanguage", "??");
        await page.ClickAsync("#open-submit");
        await Expect(page.Locator("#problem-open .sentence"))
            .ToHaveTextAsync("Algunas respuestas necesitan un cambio: corrija los campos marcados y envíe de nuevo.");
        await Expect(page.Locator("#open-preferredLanguage")).ToHaveAttributeAsync("aria-invalid", "true");
        await manager.CheckPageAsync("wrong-input-es");
    }

    [Fact]
    public async Task The_week_at_a_glance_lists_a_consent_ending_and_an_eligibility_window_ending_soonest_first()
    {
        var lead = TestTokens.NewAgency("lead");
        var shelter = TestTokens.NewAgency("shelter");
        var api = platform.ThroughGateway(lead);
        var opened = await api.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
            preferredLanguage = "es", interpreterNeeded = false, label = "SYNTH-WEEK-001",
        });
        opened.EnsureSuccessStatusCode();
        var caseId = opened.Headers.Location!.ToString().Split('/')[^1];
        var today = DateTime.UtcNow.Date;
        (await api.PostAsJsonAsync($"/api/intake/cases/{caseId}/team", new { agencyId = shelter, role = "shelter" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            agencyId = shelter, categories = new[] { "needs" }, expiresAt = today.AddDays(2).AddHours(12), givenBy = "client",
            releaseReference = "release-synth-0002",
        })).EnsureSuccessStatusCode();
        // Eligibility opens the case's record from Intake's event a moment later.
        var enrolled = await Eventually.AnsweredAsync(() => api.PostAsJsonAsync($"/api/eligibility/cases/{caseId}/enrollments",
            new { programId = "shelter-stay-15", startsOn = today.AddDays(-10).ToString("yyyy-MM-dd") }), System.Net.HttpStatusCode.Created);
        Assert.Equal(System.Net.HttpStatusCode.Created, enrolled.StatusCode);

        await using var manager = await Person.SignInAsync(platform, "week", lead, "case-manager", "cm-0004");
        await manager.Page.ClickAsync("nav a[href='week']");
        var items = manager.Page.Locator("#week-list > li");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToContainTextAsync($"consent for {shelter} ends");
        await Expect(items.Nth(0)).ToContainTextAsync("SYNTH-WEEK-001");
        await Expect(items.Nth(1)).ToContainTextAsync("eligibility window");
        await Expect(items.Nth(1).Locator("progress")).ToHaveCountAsync(1);
        await manager.CheckPageAsync("week");
        await items.Nth(0).Locator("a").ClickAsync();
        await Expect(manager.Page.Locator("#consent-list")).ToContainTextAsync(shelter);
    }
}
