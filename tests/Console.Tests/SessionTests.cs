using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

/// <summary>Shared computers in shelters: an idle session warns, can be kept, and then ends, in the browser and on the server.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SessionTests(ConsoleFixture platform)
{
    static SessionTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task An_idle_session_warns_first_and_then_ends()
    {
        await using var context = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.ShortSessionConsole.Url.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, TestTokens.NewAgency("lead"));

        var warning = page.Locator("#idle-warning");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(page.Locator("#stay-signed-in")).ToBeFocusedAsync();
        await page.ClickAsync("#stay-signed-in");
        await Expect(warning).ToBeHiddenAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ended=1$"));
        await Expect(page.Locator("main")).ToContainTextAsync("Your session ended");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ResultsDirectory, "session-ended.png") });
        await page.GotoAsync("/cases");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }

    [Fact]
    public async Task The_server_ends_a_session_left_idle_even_without_the_page()
    {
        await using var context = await platform.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.ShortSessionConsole.Url.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, TestTokens.NewAgency("lead"));
        await page.CloseAsync();

        await Task.Delay(TimeSpan.FromSeconds(7));
        var later = await context.NewPageAsync();
        await later.GotoAsync("/cases");
        await Expect(later).ToHaveURLAsync(new Regex("/signin\\?returnUrl="));
    }

    private static async Task SignInAsync(IPage page, string agency)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#signin-agency", agency);
        await page.FillAsync("#signin-user", "cm-0007");
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
    }
}
