using System.Net;
using Platform.Testing;

namespace Platform.Console.Tests;

/// <summary>The console behind the gateway's lowest-priority route, and the API's paths kept for the API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GatewayRoutingTests(ConsoleFixture platform)
{
    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/intake-typo/cases")]
    [InlineData("/api")]
    public async Task An_unknown_api_path_is_a_problem_not_the_consoles_page(string path)
    {
        var response = await platform.ThroughGateway(TestTokens.NewAgency()).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Any_other_path_is_the_console_with_a_strict_content_security_policy()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.Gateway.Url };
        var signIn = await anonymous.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("text/html", signIn.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-store", signIn.Headers.CacheControl?.ToString());

        // A page that needs a session sends the browser to the sign-in, on the gateway's address.
        var caseload = await anonymous.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, caseload.StatusCode);
        Assert.StartsWith(new Uri(platform.Gateway.Url, "/signin").ToString(), caseload.Headers.Location!.ToString());
    }
}
