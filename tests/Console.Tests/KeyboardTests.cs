using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

/// <summary>Keyboard only: no pointer from the sign-in to a case.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyboardTests(ConsoleFixture platform)
{
    static KeyboardTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_case_manager_signs_in_and_opens_a_case_with_the_keyboard_alone()
    {
        await using var context = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.Gateway.Url.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        // The first stop is the skip link, and it takes focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("a.skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabToAsync(page, "#signin-agency");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(TestTokens.NewAgency("lead"));
        await TabToAsync(page, "#signin-user");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("cm-0008");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/cases$"));

        await TabToAsync(page, "nav a[href='cases/new']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/cases/new$"));
        await TabToAsync(page, "#open-label");
        await page.Keyboard.TypeAsync("SYNTH-KEYS-001");
        foreach (var (field, value) in new[] { ("#open-referralSource", "Hotline"), ("#open-clientCategory", "Foreign national"),
                     ("#open-ageGroup", "Adult"), ("#open-traffickingType", "Labor") })
        {
            await TabToAsync(page, field);
            await page.Keyboard.TypeAsync(value);   // a closed select picks the option typed
        }
        await TabToAsync(page, "#open-preferredLanguage");
        await page.Keyboard.TypeAsync("es");
        await TabToAsync(page, "#open-interpreter-yes");   // a radio group is one Tab stop
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#open-submit");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync("SYNTH-KEYS-001");
    }

    /// <summary>Presses Tab until the element has the focus (a bounded number of times, as a person would).</summary>
    private static async Task TabToAsync(IPage page, string selector, int most = 40)
    {
        for (var i = 0; i < most; i++)
        {
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} is not reachable with Tab");
    }
}
