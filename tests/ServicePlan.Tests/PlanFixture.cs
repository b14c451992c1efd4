using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.ServicePlan.Tests;

/// <summary>ServicePlan on the real servers, fed with Intake's integration events as Intake publishes them.</summary>
public sealed class PlanFixture() : ServiceFixture<Program>("plans")
{
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Plans:DeadlineCheckSeconds", "3600");
}

[CollectionDefinition(Name)]
public sealed class PlanCollection : ICollectionFixture<PlanFixture>
{
    public const string Name = "plans";
}

/// <summary>A case as Intake announces it: opened by a lead agency, with team agencies and their consents.</summary>
public sealed class TestCase(PlanFixture fixture)
{
    private long _version;

    public Guid Id { get; } = Guid.CreateVersion7();
    public string Lead { get; } = TestTokens.NewAgency("lead");

    private (Guid, Guid, long, DateTimeOffset, Actor) Next() => (Guid.CreateVersion7(), Id, ++_version, DateTimeOffset.UtcNow, new Actor(Lead, "user-0001"));

    public async Task<TestCase> OpenAsync(params NeedLevel[] needs)
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new CaseOpened(e, c, v, t, a, Lead, ReferralSource.LawEnforcement, ClientCategory.ForeignNational, AgeGroup.Adult,
            TraffickingType.Labor, "es", true));
        if (needs.Length > 0)
        {
            (e, c, v, t, a) = Next();
            await fixture.PublishAsync(new NeedsAssessed(e, c, v, t, a, needs));
        }
        await WaitForPlanAsync();
        return this;
    }

    public async Task<string> JoinAsync(string name, TeamRole role, params InformationCategory[] consented)
    {
        var agency = TestTokens.NewAgency(name);
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new AgencyJoinedCase(e, c, v, t, a, agency, role));
        if (consented.Length > 0)
        {
            (e, c, v, t, a) = Next();
            await fixture.PublishAsync(new ConsentGranted(e, c, v, t, a, Guid.CreateVersion7(), agency, consented, t.AddDays(90), ConsentGiver.Client));
        }
        return agency;
    }

    public async Task CloseAsync()
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new CaseClosed(e, c, v, t, a, CaseClosureReason.GoalsAchieved));
    }

    public async Task ReopenAsync()
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new CaseReopened(e, c, v, t, a));
    }

    public HttpClient AsLead => fixture.ClientFor(Lead);

    public string Path(string rest = "") => $"/api/plans/cases/{Id}{rest}";

    public async Task<JsonElement> PlanAsync() => await AsLead.GetFromJsonAsync<JsonElement>(Path("/plan"));

    private async Task WaitForPlanAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await AsLead.GetAsync(Path("/plan"));
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The plan never started.");
    }
}
