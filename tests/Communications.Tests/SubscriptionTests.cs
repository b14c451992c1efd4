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

    [Fact]
    public async Task A_subscription_retried_with_its_Idempotency_Key_is_created_once_and_answered_as_the_first_time()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => new(HttpMethod.Post, Url)
        {
            Content = JsonContent.Create(new { url = "http://127.0.0.1:9/hooks/idempotent" }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await client.SendAsync(Create());
        var retry = await client.SendAsync(Create());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>(Url)).EnumerateArray());
    }

    [Theory]
    [InlineData("http://example.org/hooks", "https")]
    [InlineData("https://10.1.2.3/hooks", "private")]
    [InlineData("https://192.168.0.9/hooks", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private")]
    [InlineData("https://localhost/hooks", "private")]
    [InlineData("https://[::1]/hooks", "private")]
    [InlineData("not a url", "absolute")]
    [InlineData("https://0.0.0.0/hooks", "private")]
    [InlineData("https://10.0.0.1/hooks", "private")]
    [InlineData("https://167772161/hooks", "private")]
    [InlineData("https://0xa000001/hooks", "private")]
    [InlineData("https://012.0.0.1/hooks", "private")]
    [InlineData("https://172.16.0.1/hooks", "private")]
    [InlineData("https://172.31.255.1/hooks", "private")]
    [InlineData("https://192.168.1.1/hooks", "private")]
    [InlineData("https://169.254.0.1/hooks", "private")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "private")]
    [InlineData("https://[::ffff:169.254.169.254]/hooks", "private")]
    [InlineData("https://[fc00::1]/hooks", "private")]
    [InlineData("https://[fd12:3456::1]/hooks", "private")]
    [InlineData("https://[fe80::1]/hooks", "private")]
    [InlineData("https://[::]/hooks", "private")]
    [InlineData("https://127.0.0.2/hooks", "private")]
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

    /// <summary>The production setting: no host is allowed, so every spelling of a loopback address is refused.</summary>
    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://2130706433/hooks")]
    [InlineData("https://0x7f000001/hooks")]
    [InlineData("https://0177.0.0.1/hooks")]
    [InlineData("https://127.1/hooks")]
    [InlineData("https://127.000.000.001/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://[::ffff:7f00:1]/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[0:0:0:0:0:0:0:1]/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    [InlineData("https://0/hooks")]
    public async Task Every_spelling_of_a_loopback_address_is_refused_with_an_empty_allow_list(string url)
    {
        var refusal = await new Subscriptions.SafeUrls(new WebhookOptions()).RefusalAsync(url, CancellationToken.None);

        Assert.Contains("private", refusal);
    }

    /// <summary>An allowed address is allowed in every spelling (where the connection goes is what matters); another address is not.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks", true)]
    [InlineData("http://2130706433/hooks", true)]
    [InlineData("http://0x7f000001/hooks", true)]
    [InlineData("http://0177.0.0.1/hooks", true)]
    [InlineData("http://127.1/hooks", true)]
    [InlineData("http://127.000.000.001/hooks", true)]
    [InlineData("http://[::ffff:127.0.0.1]/hooks", true)]
    [InlineData("http://[::1]/hooks", false)]
    [InlineData("http://127.0.0.2/hooks", false)]
    [InlineData("http://0.0.0.0/hooks", false)]
    public async Task An_allowed_address_is_allowed_in_every_spelling_and_no_other_address_is(string url, bool allowed)
    {
        var safeUrls = new Subscriptions.SafeUrls(new WebhookOptions { AllowedHosts = ["127.0.0.1"] });

        var refusal = await safeUrls.RefusalAsync(url, CancellationToken.None);

        Assert.Equal(allowed, refusal is null);
    }

    [Fact]
    public async Task An_allow_listed_spelling_is_registered_through_the_api()
    {
        var response = await fixture.ClientFor(TestTokens.NewAgency()).PostAsJsonAsync(Url, new { url = "http://2130706433:9/hooks" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task The_webhook_client_allows_at_connect_time_the_same_addresses_as_registration(string host)
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0) { Server = { DualMode = true } };
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var services = new ServiceCollection().AddWebhookClient(new WebhookOptions { AllowedHosts = ["127.0.0.1"] }).BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.ClientName);
        var refusedClient = new ServiceCollection().AddWebhookClient(new WebhookOptions()).BuildServiceProvider()
            .GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.ClientName);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => refusedClient.PostAsync($"http://{host}:{port}/hooks", new StringContent("{}")));
        Assert.False(listener.Pending(), "the client without an allow-list connected to loopback");
        Assert.Contains("non-public", refused.Message + refused.InnerException?.Message);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var sending = client.PostAsync($"http://{host}:{port}/hooks", new StringContent("{}"), timeout.Token);
        using var accepted = await listener.AcceptTcpClientAsync(timeout.Token);
        Assert.True(accepted.Connected);
        accepted.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => sending);
    }
}
