using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// One trace per command, end to end: the trace a caller starts at the gateway is continued by the service, its relay, the
/// ledger and the webhook delivery, so the webhook names it twice (the CloudEvents traceparent and the HTTP traceparent).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TracingTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_webhook_carries_the_trace_of_the_command_that_caused_it_through_the_gateway_relay_and_ledger()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var agency = TestTokens.NewAgency("lead");
        var subscribed = await platform.DirectToCommunications(agency).PostAsJsonAsync("/api/communications/subscriptions",
            new { url = receiver.UrlOf(agency), eventTypes = new[] { "platform.intake.case-opened" } });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        receiver.Verify(agency, (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/cases")
        {
            Content = JsonContent.Create(new
            {
                referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
                preferredLanguage = "es", interpreterNeeded = false,
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var opened = await platform.ThroughGateway(agency).SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var webhook = Assert.Single(await receiver.WaitForAsync(agency, 1, TimeSpan.FromSeconds(60)));

        var inBody = webhook.CloudEvent.GetProperty("traceparent").GetString()!.Split('-');
        Assert.Equal(traceId, inBody[1]);
        Assert.NotEqual("00f067aa0ba902b7", inBody[2]);
        Assert.Equal(traceId, webhook.Headers["traceparent"].Split('-')[1]);
        Assert.Empty(receiver.Violations);
    }
}
