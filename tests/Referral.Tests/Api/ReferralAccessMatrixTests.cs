using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults;

namespace Platform.Referral.Tests.Api;

[Collection(ReferralCollection.Name)]
public sealed class ReferralAccessMatrixTests(ReferralFixture fixture)
{
    [Fact]
    public async Task Every_referral_endpoint_answers_each_kind_of_caller_as_the_case_access_model_says()
    {
        var s = await ReferralScenario.StartAsync(fixture);
        var referral = $"/api/referrals/{await s.RequestAsync()}";
        var byTeam = $"/api/referrals/{await s.RequestAsync(s.Consented)}";

        var actors = new (string Name, string? Agency, string Role)[]
        {
            ("lead agency", s.Lead, PlatformRoles.CaseManager),
            ("team agency with referrals consent", s.Consented, PlatformRoles.CaseManager),
            ("team agency without referrals consent", s.Unconsented, PlatformRoles.CaseManager),
            ("team agency after revocation", s.Revoked, PlatformRoles.CaseManager),
            ("unrelated agency", s.Unrelated, PlatformRoles.CaseManager),
            ("receiving provider", s.Provider, PlatformRoles.Provider),
            ("administrator", "platform-audit", PlatformRoles.Administrator),
            ("no token", null, PlatformRoles.CaseManager),
        };
        //                                                  lead  ok  none revk other prov admin anon
        var expected = new (string Call, int[] Status, Func<HttpClient, Task<HttpResponseMessage>> Send)[]
        {
            ("POST referral", [201, 201, 404, 404, 404, 404, 403, 401], c => c.PostAsJsonAsync("/api/referrals", s.RequestBody())),
            ("GET referral", [200, 200, 404, 404, 404, 200, 200, 401], c => c.GetAsync(referral)),
            ("GET referrals of case", [200, 200, 404, 404, 404, 404, 200, 401], c => c.GetAsync($"/api/referrals?caseId={s.CaseId}")),
            ("GET services", [200, 200, 404, 404, 404, 200, 200, 401], c => c.GetAsync($"{referral}/services")),
            ("POST acceptance", [403, 403, 404, 404, 404, -1, 403, 401], c => c.PostAsync($"{referral}/acceptance", null)),
            ("POST rejection", [403, 403, 404, 404, 404, -1, 403, 401], c => c.PostAsJsonAsync($"{referral}/rejection", new { reason = "other" })),
            ("POST start", [403, 403, 404, 404, 404, 409, 403, 401], c => c.PostAsync($"{referral}/start", null)),
            ("POST hold", [403, 403, 404, 404, 404, 409, 403, 401], c => c.PostAsync($"{referral}/hold", null)),
            ("POST completion", [403, 403, 404, 404, 404, 409, 403, 401], c => c.PostAsync($"{referral}/completion", null)),
            ("POST failure", [403, 403, 404, 404, 404, 409, 403, 401], c => c.PostAsJsonAsync($"{referral}/failure", new { reason = "other" })),
            ("POST services", [403, 403, 404, 404, 404, 409, 403, 401], c => c.PostAsJsonAsync($"{referral}/services",
                new { deliveredOn = DateOnly.FromDateTime(DateTime.UtcNow), serviceType = "shelter", units = 1, unit = "nights" })),
            ("POST cancellation (lead's referral)", [-1, 403, 404, 404, 404, 403, 403, 401], c => c.PostAsync($"{referral}/cancellation", null)),
            ("POST cancellation (team's referral)", [403, -1, 404, 404, 404, 403, 403, 401], c => c.PostAsync($"{byTeam}/cancellation", null)),
            ("POST entered-in-error (lead's referral)", [-1, 403, 404, 404, 404, 403, 403, 401], c => c.PostAsync($"{referral}/entered-in-error", null)),
        };

        var mismatches = new List<string>();
        foreach (var (call, statuses, send) in expected)
        {
            for (var i = 0; i < actors.Length; i++)
            {
                if (statuses[i] < 0) continue;
                var (name, agency, role) = actors[i];
                var response = await send(fixture.ClientFor(agency, role));
                if ((int)response.StatusCode != statuses[i])
                    mismatches.Add($"{call} as {name}: expected {statuses[i]}, got {(int)response.StatusCode}");
            }
        }

        // The consent ends: the team agency no longer sees the case's referrals, its own included, nor refers.
        await s.RevokeAsync(s.Consented);
        var team = fixture.ClientFor(s.Consented);
        foreach (var (call, response) in new[]
                 {
                     ("GET own referral after revocation", await team.GetAsync(byTeam)),
                     ("POST referral after revocation", await team.PostAsJsonAsync("/api/referrals", s.RequestBody())),
                     ("POST cancellation after revocation", await team.PostAsync($"{byTeam}/cancellation", null)),
                 })
        {
            if (response.StatusCode != HttpStatusCode.NotFound) mismatches.Add($"{call}: expected 404, got {(int)response.StatusCode}");
        }
        Assert.Empty(mismatches);
    }
}
