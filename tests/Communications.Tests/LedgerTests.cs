using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Communications.Ledger;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing;
using Platform.EventSourcing.Access;
using Platform.EventSourcing.Relay;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.Communications.Tests;

[Collection(CommunicationsCollection.Name)]
public sealed class LedgerTests(CommunicationsFixture fixture)
{
    [Fact]
    public async Task A_batch_is_written_in_order_in_one_transaction_and_written_again_changes_nothing()
    {
        var (caseId, lead, shelter) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"), TestTokens.NewAgency("shelter"));
        var by = new Actor(lead, "user-0001");
        var now = DateTimeOffset.UtcNow;
        var needs = Guid.CreateVersion7();
        IIntegrationEvent[] batch =
        [
            new CaseOpened(Guid.CreateVersion7(), caseId, 1, now, by, lead, ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Adult,
                TraffickingType.Labor, "es", true),
            new AgencyJoinedCase(Guid.CreateVersion7(), caseId, 2, now, by, shelter, TeamRole.Shelter),
            new ConsentGranted(Guid.CreateVersion7(), caseId, 3, now, by, Guid.CreateVersion7(), shelter, [InformationCategory.Needs],
                now.AddDays(30), ConsentGiver.Client),
            new NeedsAssessed(needs, caseId, 4, now, by, [new NeedLevel(NeedDomain.Housing, Urgency.High)]),
        ];
        var writer = fixture.App.Services.GetRequiredService<LedgerWriter>();

        Assert.Equal(4, await writer.WriteAsync(batch, default));
        Assert.Equal(0, await writer.WriteAsync(batch, default));

        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var access = await session.LoadCaseAccessAsync(caseId, default);
        Assert.True(access!.MaySee(new Platform.ServiceDefaults.Caller(shelter, "u", new HashSet<string>()), InformationCategory.Needs, now));
        var entries = await session.Query<LedgerEntry>().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(batch.Select(b => b.EventId), entries.Select(e => e.EventId));
        var feed = await fixture.ClientFor(shelter).GetStringAsync("/api/communications/feed?after=0&limit=500");
        Assert.Contains(needs.ToString(), feed);
    }

    [Fact]
    public async Task A_message_that_is_not_an_integration_event_is_set_aside_and_the_ledger_goes_on()
    {
        await using var connection = await RabbitMqAddress.ConnectionFactory(fixture.Servers.RabbitMq, "ledger-test").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(LedgerReader.ErrorQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueuePurgeAsync(LedgerReader.ErrorQueue);
        await channel.BasicPublishAsync("", LedgerTopology.Queue, Encoding.UTF8.GetBytes("{\"not\":\"an envelope\"}"));
        var (caseId, lead) = (Guid.CreateVersion7(), TestTokens.NewAgency("lead"));
        await fixture.PublishAsync(new CaseOpened(Guid.CreateVersion7(), caseId, 1, DateTimeOffset.UtcNow, new Actor(lead, "user-0001"), lead,
            ReferralSource.Hotline, ClientCategory.ForeignNational, AgeGroup.Adult, TraffickingType.Labor, "es", true));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string feed;
        while (!(feed = await fixture.ClientFor(lead).GetStringAsync("/api/communications/feed?after=0&limit=500")).Contains(caseId.ToString())
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Contains(caseId.ToString(), feed);
        Assert.Equal(1u, await channel.MessageCountAsync(LedgerReader.ErrorQueue));
    }

    [Fact]
    public void An_envelope_is_read_as_the_integration_event_it_carries()
    {
        var caseId = Guid.CreateVersion7();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            headers = new Dictionary<string, string> { [MessageHeaders.TraceParent] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
            messageType = new[] { "urn:message:Platform.Contracts.Intake:NeedsAssessed", "urn:message:Platform.Contracts:IIntegrationEvent" },
            message = new
            {
                eventId = Guid.NewGuid(), caseId, caseVersion = 3, occurredAt = DateTimeOffset.UtcNow, actor = new { agencyId = "a", userId = "u" },
                needs = new[] { new { domain = 1, urgency = 4 } },
            },
        }));

        var received = LedgerReader.Parse(body);
        var parsed = Assert.IsType<NeedsAssessed>(received?.Event);

        Assert.Equal(caseId, parsed.CaseId);
        Assert.Equal(new NeedLevel(NeedDomain.Housing, Urgency.Urgent), parsed.Needs[0]);
        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", received?.TraceParent);
        Assert.Null(LedgerReader.Parse(Encoding.UTF8.GetBytes("not json")));
    }
}
