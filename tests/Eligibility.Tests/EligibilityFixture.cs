using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Contracts.Referral;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Eligibility.Tests;

/// <summary>Eligibility on the real servers, fed with Intake's and Referral's integration events as they publish them.</summary>
public sealed class EligibilityFixture() : ServiceFixture<Program>("eligibility")
{
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Eligibility:DeadlineCheckSeconds", "3600");
}

[CollectionDefinition(Name)]
public sealed class EligibilityCollection : ICollectionFixture<EligibilityFixture>
{
    public const string Name = "eligibility";
}

/// <summary>A case as Intake announces it (opened by a lead agency, with team agencies and their consents) and its services as Referral records them.</summary>
public sealed class TestCase(EligibilityFixture fixture, string? lead = null)
{
    private long _version;

    public Guid Id { get; } = Guid.CreateVersion7();
    public string Lead { get; } = lead ?? TestTokens.NewAgency("lead");

    private (Guid, Guid, long, DateTimeOffset, Actor) Next() => (Guid.CreateVersion7(), Id, ++_version, DateTimeOffset.UtcNow, new Actor(Lead, "user-0001"));

    public async Task<TestCase> OpenAsync(ClientCategory category = ClientCategory.ForeignNational, AgeGroup age = AgeGroup.Adult)
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new CaseOpened(e, c, v, t, a, Lead, ReferralSource.LawEnforcement, category, age, TraffickingType.Labor, "es", true));
        var opened = await Eventually.AnsweredAsync(() => AsLead.GetAsync(Path()), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
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

    /// <summary>Referral's ServiceDelivered; the same service record may be published again (a redelivery has a new event id).</summary>
    public Task DeliverAsync(Guid serviceRecordId, Guid referralId, string provider, ServiceType type, DateOnly on, decimal units = 1,
        ServiceUnit unit = ServiceUnit.Sessions) =>
        fixture.PublishAsync(new ServiceDelivered(Guid.CreateVersion7(), Id, 3, DateTimeOffset.UtcNow, new Actor(provider, "user-provider"), referralId,
            serviceRecordId, provider, type, on, units, unit));

    public Task EnterServiceInErrorAsync(Guid serviceRecordId, Guid referralId, string provider) =>
        fixture.PublishAsync(new ServiceEnteredInError(Guid.CreateVersion7(), Id, 4, DateTimeOffset.UtcNow, new Actor(provider, "user-provider"), referralId,
            serviceRecordId, provider));

    /// <summary>Closes the case as Intake would, and waits until Eligibility knows.</summary>
    public async Task CloseAsync()
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new CaseClosed(e, c, v, t, a, CaseClosureReason.GoalsAchieved));
        var store = fixture.App.Services.GetRequiredService<Marten.IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            if ((await Platform.EventSourcing.Access.CaseAccessModel.LoadCaseAccessAsync(session, Id, default))?.Closed == true) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("Eligibility never heard that the case closed.");
    }

    public HttpClient AsLead => fixture.ClientFor(Lead);

    public string Path(string rest = "") => $"/api/eligibility/cases/{Id}{rest}";

    public async Task<JsonElement> RecordAsync() => await AsLead.GetFromJsonAsync<JsonElement>(Path());

    public async Task<JsonElement> EnrollAsync(string programId, DateOnly startsOn)
    {
        var response = await AsLead.PostAsJsonAsync(Path("/enrollments"), new { programId, startsOn });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }
}
