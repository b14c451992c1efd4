using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Referral.Tests.Api;

/// <summary>
/// A synthetic case as Intake would announce it (lead, team agencies with and without a referrals consent, one whose
/// consent was revoked) and a provider with a service in the directory. Nothing in it could identify anyone.
/// </summary>
public sealed class ReferralScenario(ReferralFixture fixture)
{
    public Guid CaseId { get; } = Guid.CreateVersion7();
    public string Lead { get; } = TestTokens.NewAgency("lead");
    public string Consented { get; } = TestTokens.NewAgency("team-ok");
    public string Unconsented { get; } = TestTokens.NewAgency("team-none");
    public string Revoked { get; } = TestTokens.NewAgency("team-revk");
    public string Provider { get; } = TestTokens.NewAgency("provider");
    public string Unrelated { get; } = TestTokens.NewAgency("other");
    public Guid OrganizationId { get; private set; }
    public Guid ServiceId { get; private set; }
    private long _version;

    public HttpClient LeadClient => fixture.ClientFor(Lead);
    public HttpClient ProviderClient => fixture.ClientFor(Provider, PlatformRoles.Provider);

    public static async Task<ReferralScenario> StartAsync(ReferralFixture fixture)
    {
        var scenario = new ReferralScenario(fixture);
        await scenario.AnnounceCaseAsync();
        (scenario.OrganizationId, scenario.ServiceId) = await scenario.RegisterProviderAsync(scenario.Provider, Directory.ShelterForMinors("es"));
        return scenario;
    }

    private (Guid, Guid, long, DateTimeOffset, Actor) Next() =>
        (Guid.CreateVersion7(), CaseId, ++_version, fixture.Clock.GetUtcNow(), new Actor(Lead, "user-0001"));

    private async Task AnnounceCaseAsync()
    {
        var (e0, c0, v0, t0, a0) = Next();
        await fixture.PublishAsync(new CaseOpened(e0, c0, v0, t0, a0, Lead, ReferralSource.Hotline, ClientCategory.ForeignNational,
            AgeGroup.Minor, TraffickingType.Labor, "es", true));
        foreach (var agency in new[] { Consented, Unconsented, Revoked })
        {
            var (e, c, v, t, a) = Next();
            await fixture.PublishAsync(new AgencyJoinedCase(e, c, v, t, a, agency, TeamRole.Other));
        }
        var expires = fixture.Clock.GetUtcNow().AddDays(90);
        var (e1, c1, v1, t1, a1) = Next();
        await fixture.PublishAsync(new ConsentGranted(e1, c1, v1, t1, a1, Guid.NewGuid(), Consented, [InformationCategory.Referrals], expires,
            ConsentGiver.Guardian));
        var (e2, c2, v2, t2, a2) = Next();
        await fixture.PublishAsync(new ConsentGranted(e2, c2, v2, t2, a2, Guid.NewGuid(), Unconsented, [InformationCategory.Needs], expires,
            ConsentGiver.Guardian));
        var revoked = Guid.NewGuid();
        var (e3, c3, v3, t3, a3) = Next();
        await fixture.PublishAsync(new ConsentGranted(e3, c3, v3, t3, a3, revoked, Revoked, [InformationCategory.Referrals], expires,
            ConsentGiver.Guardian));
        var (e4, c4, v4, t4, a4) = Next();
        await fixture.PublishAsync(new ConsentRevoked(e4, c4, v4, t4, a4, revoked, Revoked));
        await fixture.WaitForAccessAsync(CaseId, a => a.Team.Count == 3 && a.Consents.Count == 2 && a.Consents.All(c => c.ConsentId != revoked));
    }

    /// <summary>Closes or reopens the case as Intake would, and waits until Referral knows.</summary>
    public async Task SetClosedAsync(bool closed)
    {
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(closed
            ? new CaseClosed(e, c, v, t, a, CaseClosureReason.GoalsAchieved)
            : new CaseReopened(e, c, v, t, a));
        await fixture.WaitForAccessAsync(CaseId, x => x.Closed == closed);
    }

    /// <summary>Revokes the consented team agency's consent as Intake would, and waits until Referral knows.</summary>
    public async Task RevokeAsync(string agency)
    {
        await using var session = fixture.Store.QuerySession();
        var access = (await session.LoadAsync<Platform.EventSourcing.Access.CaseAccess>(CaseId))!;
        var consent = access.Consents.Single(c => c.AgencyId == agency);
        var (e, c, v, t, a) = Next();
        await fixture.PublishAsync(new ConsentRevoked(e, c, v, t, a, consent.ConsentId, agency));
        await fixture.WaitForAccessAsync(CaseId, x => x.Consents.All(g => g.AgencyId != agency));
    }

    public async Task<(Guid Organization, Guid Service)> RegisterProviderAsync(string agency, object service)
    {
        var client = fixture.ClientFor(agency, PlatformRoles.Provider);
        var organization = await Expect(client.PostAsJsonAsync("/api/providers/organizations", new { name = $"Synthetic provider {agency}" }),
            HttpStatusCode.Created);
        var organizationId = (await organization.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var listed = await Expect(client.PostAsJsonAsync($"/api/providers/organizations/{organizationId}/services", service), HttpStatusCode.Created);
        return (organizationId, (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    public object RequestBody(Guid? serviceId = null) =>
        new { caseId = CaseId, serviceId = serviceId ?? ServiceId, need = "housing", language = "es", interpreterNeeded = true };

    /// <summary>A referral requested by <paramref name="requester"/> (the lead by default) to the scenario's provider.</summary>
    public async Task<Guid> RequestAsync(string? requester = null)
    {
        var response = await Expect(fixture.ClientFor(requester ?? Lead).PostAsJsonAsync("/api/referrals", RequestBody()), HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        if (response.StatusCode != status)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}

/// <summary>Synthetic directory entries.</summary>
public static class Directory
{
    public static object ShelterForMinors(string language, string area = "test-area", bool interpretation = false) => new
    {
        type = "shelter", languages = new[] { language }, ageGroups = new[] { "minor" }, minimumAge = 12, maximumAge = 17,
        clientCategories = new[] { "foreign-national", "us-citizen-or-permanent-resident" }, interpretationOffered = interpretation,
        hours = new { alwaysOpen = true }, serviceAreas = new[] { area },
    };

    public static object Service(string type, string[] languages, string[] ageGroups, string area, bool interpretation = false,
        string[]? clientCategories = null) => new
    {
        type, languages, ageGroups, clientCategories = clientCategories ?? Array.Empty<string>(), interpretationOffered = interpretation,
        hours = new { alwaysOpen = false, weekly = new[] { new { day = "monday", opens = "09:00", closes = "17:00" } } },
        serviceAreas = new[] { area },
    };
}
