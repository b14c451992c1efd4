using Platform.Testing;
using static Platform.Intake.Tests.Relay.RelayTests;

namespace Platform.Intake.Tests.Relay;

/// <summary>Stops the shared broker, so it runs alone, after every other test of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection : ICollectionFixture<IntakeFixture>
{
    public const string Name = "broker-outage";
}

[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(IntakeFixture fixture)
{
    [Fact]
    public async Task Events_committed_while_the_broker_is_down_arrive_after_it_returns_once_each_and_in_order()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        await fixture.Servers.StopBrokerAsync();
        List<Guid> cases = [];
        try
        {
            for (var i = 0; i < 3; i++) cases.Add((await Api.CaseRequests.OpenAsync(client)).Case.Id);
            await ChangeAsync(client, cases[0], "closure", 1, new { reason = "other" });
            await ChangeAsync(client, cases[0], "reopening", 2, new { });
        }
        finally
        {
            await fixture.Servers.StartBrokerAsync();
        }

        var first = await fixture.Consumer.WaitForAsync(cases[0], 3, TimeSpan.FromSeconds(90));
        Assert.Equal(["CaseOpened", "CaseClosed", "CaseReopened"], first.Select(s => s.MessageType));
        Assert.Equal([1L, 2L, 3L], first.Select(s => s.CaseVersion));
        foreach (var other in cases.Skip(1))
            Assert.Single(await fixture.Consumer.WaitForAsync(other, 1, TimeSpan.FromSeconds(60)));
    }
}
