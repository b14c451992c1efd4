using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Console.Tests;

/// <summary>
/// Someone at a browser: their own browser context (cookies), signed in through the console's sign-in page like a person.
/// Every page they reach is checked with axe-core (no serious or critical violation) and can be kept as a screenshot.
/// </summary>
public sealed class Person : IAsyncDisposable
{
    private readonly ConsoleFixture _platform;
    private readonly IBrowserContext _context;
    private readonly string _test;
    private int _shots;

    private Person(ConsoleFixture platform, IBrowserContext context, IPage page, string test)
    {
        _platform = platform;
        _context = context;
        Page = page;
        _test = test;
    }

    public IPage Page { get; }

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static async Task<Person> SignInAsync(ConsoleFixture platform, string test, string agency, string role, string user,
        ViewportSize? viewport = null)
    {
        var context = await platform.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.Gateway.Url.ToString(),
            ViewportSize = viewport ?? Desktop,
        });
        var page = await context.NewPageAsync();
        var person = new Person(platform, context, page, test);
        await person.GoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await person.CheckPageAsync("sign-in");
        await page.FillAsync("#signin-agency", agency);
        await page.SelectOptionAsync("#signin-role", role);
        await page.FillAsync("#signin-user", user);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        return person;
    }

    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        return response ?? throw new InvalidOperationException($"No response for {path}");
    }

    /// <summary>axe-core on the page as it is now (zero serious or critical violations), then a screenshot.</summary>
    public async Task CheckPageAsync(string step)
    {
        var results = await Page.RunAxe();
        var bad = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{step}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        await ShotAsync(step);
        Assert.True(bad.Count == 0, string.Join(Environment.NewLine, bad));
    }

    public async Task ShotAsync(string step) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ConsoleFixture.ResultsDirectory, $"{_test}-{++_shots:00}-{step}.png"),
            FullPage = true,
        });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
