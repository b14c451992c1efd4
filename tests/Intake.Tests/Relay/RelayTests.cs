using System.Text;
using Platform.EventSourcing;
using Platform.EventSourcing.Relay;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Intake.Tests.Api;
using Platform.Testing;
using static Platform.Intake.Tests.Api.OpeningAndReadingTests;

namespace Platform.Intake.Tests.Relay;

[Collection(IntakeCollection.Name)]
public sealed class RelayTests(IntakeFixture fixture)
{
    [Fact]
    public async Task A_cases_events_reach_a_consumer_once_each_and_in_the_order_they_were_committed()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await client.OpenAsync();
        await ChangeAsync(client, opened.Id, "closure", 1, new { reason = "relocated" });
        await ChangeAsync(client, opened.Id, "reopening", 2, new { });
        await ChangeAsync(client, opened.Id, "closure", 3, new { reason = "goals-achieved" });

        var seen = await fixture.Consumer.WaitForAsync(opened.Id, 4);

        Assert.Equal(["CaseOpened", "CaseClosed", "CaseReopened", "CaseClosed"], seen.Select(s => s.MessageType));
        Assert.Equal([1L, 2L, 3L, 4L], seen.Select(s => s.CaseVersion));
        Assert.Equal(4, seen.Select(s => s.EventId).Distinct().Count());
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        var bus = fixture.App.Services.GetRequiredService<IBus>();
        var caseId = Guid.CreateVersion7();
        var message = new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, new Actor("agency-x", "user-x"),
            "agency-x", ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Minor, TraffickingType.Sex, "pt-BR", true);

        for (var i = 0; i < 3; i++)
            await bus.Publish(message, context => context.MessageId = message.EventId);

        var seen = await fixture.Consumer.WaitForAsync(caseId, 1);
        await Task.Delay(1000);
        Assert.Single(await fixture.Consumer.SeenAsync(caseId));
        Assert.Equal(message.EventId, seen[0].EventId);
    }

    [Fact]
    public async Task Every_integration_event_also_lands_in_the_platform_ledger_queue()
    {
        var (opened, _) = await fixture.ClientFor(TestTokens.NewAgency()).OpenAsync();

        var factory = RabbitMqAddress.ConnectionFactory(fixture.Servers.RabbitMq, "ledger-test");
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(LedgerTopology.Queue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(100);
                continue;
            }
            if (Encoding.UTF8.GetString(message.Body.Span).Contains(opened.Id.ToString())) return;
        }
        Assert.Fail($"CaseOpened of {opened.Id} never reached {LedgerTopology.Queue}");
    }

    internal static async Task ChangeAsync(HttpClient client, Guid caseId, string action, long version, object body)
    {
        var response = await client.SendAsync(Post($"/api/intake/cases/{caseId}/{action}", body, ifMatch: $"\"{version}\""));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
