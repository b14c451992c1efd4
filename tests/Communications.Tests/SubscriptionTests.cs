using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Communications.Webhooks;
using Platform.Testing;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class SubscriptionTests(CommunicationsFixture fixture)
{
    private const string Url = "/api/communications/subscriptions";

    [Theory]
    [InlineData("http://example.org/hooks", "https")]
    [InlineData("https://10.1.2.3/hooks", "private")]
    [InlineData("https://192.168.0.9/hooks", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private")]
    [InlineData("https://localhost/hooks", "private")]
    [InlineData("https://[::1]/hooks", "private")]
    [InlineData("not a url", "absolute")]
    public async Task Unsafe_webhook_urls_are_refused_naming_the_url(string url, string reason)
    {
        var response = await fixture.ClientFor(TestTokens.NewAgency()).PostAsJsonAsync(Url, new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_agency_registers_pauses_resumes_rotates_and_deletes_its_subscription_and_no_other_agency_sees_it()
    {
        var agency = fixture.ClientFor(TestTokens.NewAgency());
        var created = await agency.PostAsJsonAsync(Url, new
        {
            url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "platform.intake.crisis-reported" }, description = "case software",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var location = created.Headers.Location!.ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.ClientFor(TestTokens.NewAgency()).GetAsync(location)).StatusCode);
        var read = await agency.GetFromJsonAsync<JsonElement>(location);
        Assert.False(read.TryGetProperty("secret", out var hidden) && hidden.ValueKind != JsonValueKind.Null);

        Assert.Equal(HttpStatusCode.NoContent, (await agency.PostAsync($"{location}/pause", null)).StatusCode);
        Assert.Equal("paused", (await agency.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await agency.PostAsync($"{location}/resume", null)).StatusCode);

        var rotated = await agency.PostAsync($"{location}/secret/rotation", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(secret, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());

        Assert.Single((await agency.GetFromJsonAsync<JsonElement[]>(Url))!);
        Assert.Equal(HttpStatusCode.NoContent, (await agency.DeleteAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync(location)).StatusCode);
        Assert.Empty((await agency.GetFromJsonAsync<JsonElement[]>(Url))!);
    }

    [Fact]
    public async Task A_refused_url_is_refused_before_any_connection_is_attempted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var response = await fixture.ClientFor(TestTokens.NewAgency()).PostAsJsonAsync(Url, new { url = $"https://localhost:{port}/hooks" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(200);
        Assert.False(listener.Pending(), "the platform connected to a refused endpoint");
    }

    [Fact]
    public async Task The_webhook_client_refuses_at_connect_time_a_host_that_now_resolves_to_a_private_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var services = new ServiceCollection().AddWebhookClient(new WebhookOptions()).BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.ClientName);

        var sent = () => client.PostAsync($"http://localhost:{port}/hooks", new StringContent("{}"));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(sent);
        Assert.Contains("non-public", refused.Message + refused.InnerException?.Message);
        Assert.False(listener.Pending(), "the client connected to a private address");
    }
}
