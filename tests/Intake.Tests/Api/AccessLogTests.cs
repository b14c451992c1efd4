using Platform.Contracts.Disclosure;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

[Collection(IntakeCollection.Name)]
public sealed class AccessLogTests(IntakeFixture fixture)
{
    [Fact]
    public async Task Every_read_of_a_case_shown_or_refused_is_published_for_the_disclosure_log()
    {
        await using var disclosures = await ConsumerHost.StartAsync(fixture.Servers, typeof(CaseDataRead));
        var agency = TestTokens.NewAgency("lead");
        var stranger = TestTokens.NewAgency("other");
        var lead = fixture.ClientFor(agency);
        var (opened, _) = await lead.OpenAsync();

        await lead.GetAsync($"/api/intake/cases/{opened.Id}");
        await fixture.ClientFor(stranger).GetAsync($"/api/intake/cases/{opened.Id}");

        var reads = await disclosures.WaitForAsync(opened.Id, 2);
        Assert.Equal(2, reads.Count);
        Assert.Contains(reads, r => r.AgencyId == agency && r.Summary.Contains("Outcome = Shown"));
        Assert.Contains(reads, r => r.AgencyId == stranger && r.Summary.Contains("Outcome = Refused"));
    }
}
