using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>
/// The access matrix of a case, run through any entry point (the gateway or a service directly): every endpoint
/// against the lead agency, team agencies with and without consent for the category, after revocation and after
/// expiry, an unrelated agency, an administrator and no token. Returns every cell that differs from what is expected.
/// </summary>
public static class CaseAccessMatrix
{
    /// <param name="client">A client for an agency and role; a null agency means no token at all.</param>
    public static async Task<IReadOnlyList<string>> RunAsync(Func<string?, string, HttpClient> client)
    {
        string Agency(string kind) => TestTokens.NewAgency(kind);
        var (lead, consented, unconsented, revoked, expired, unrelated) =
            (Agency("lead"), Agency("team-ok"), Agency("team-none"), Agency("team-revoked"), Agency("team-expired"), Agency("other"));
        var leadClient = client(lead, "case-manager");

        var opened = await Expect(leadClient.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "law-enforcement", clientCategory = "foreign-national", ageGroup = "adult",
            traffickingType = "labor", preferredLanguage = "es", interpreterNeeded = true,
        }), HttpStatusCode.Created);
        var caseUrl = opened.Headers.Location!.ToString();
        foreach (var agency in new[] { consented, unconsented, revoked, expired })
            await Expect(leadClient.PostAsJsonAsync($"{caseUrl}/team", new { agencyId = agency, role = "legal" }), HttpStatusCode.NoContent);
        var consentOk = await GrantAsync(leadClient, caseUrl, consented, DateTimeOffset.UtcNow.AddDays(90));
        var consentRevoked = await GrantAsync(leadClient, caseUrl, revoked, DateTimeOffset.UtcNow.AddDays(90));
        await GrantAsync(leadClient, caseUrl, expired, DateTimeOffset.UtcNow.AddSeconds(2));
        await Expect(leadClient.DeleteAsync($"{caseUrl}/consents/{consentRevoked}"), HttpStatusCode.NoContent);
        await Expect(leadClient.PutAsJsonAsync($"{caseUrl}/identity", new { names = new[] { "Synthetic Client" } }), HttpStatusCode.NoContent);
        await WaitUntilAsync(async () => (await client(expired, "case-manager").GetAsync(caseUrl)).StatusCode == HttpStatusCode.NotFound);

        var actors = new (string Name, string? Agency, string Role)[]
        {
            ("lead agency", lead, "case-manager"),
            ("team agency with consent", consented, "case-manager"),
            ("team agency without consent", unconsented, "case-manager"),
            ("team agency after revocation", revoked, "case-manager"),
            ("team agency after expiry", expired, "case-manager"),
            ("unrelated agency", unrelated, "case-manager"),
            ("administrator", "platform-audit", "administrator"),
            ("no token", null, "case-manager"),
        };
        //                                        lead  ok   none revk expd  other admin anon
        var expected = new (string Call, int[] Status, Func<HttpClient, Task<HttpResponseMessage>> Send)[]
        {
            ("GET case", [200, 200, 404, 404, 404, 404, 200, 401], c => c.GetAsync(caseUrl)),
            ("GET consents", [200, 404, 404, 404, 404, 404, 404, 401], c => c.GetAsync($"{caseUrl}/consents")),
            ("POST team", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/team", new { agencyId = "agency-extra", role = "other" })),
            ("POST consents", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/consents", ConsentBody(unconsented, DateTimeOffset.UtcNow.AddDays(30)))),
            ("DELETE consent", [-1, 404, 404, 404, 404, 404, 403, 401], c => c.DeleteAsync($"{caseUrl}/consents/{consentOk}")),
            ("POST closure", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/closure", new { reason = "other" })),
            ("GET history", [200, 404, 404, 404, 404, 404, 200, 401], c => c.GetAsync($"{caseUrl}/history")),
            ("GET identity", [200, 404, 404, 404, 404, 404, 404, 401], c => c.GetAsync($"{caseUrl}/identity")),
            ("PUT identity", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PutAsJsonAsync($"{caseUrl}/identity", new { names = new[] { "Synthetic Other" } })),
            ("DELETE identity", [-1, 404, 404, 404, 404, 404, 403, 401], c => c.DeleteAsync($"{caseUrl}/identity")),
            ("POST assessments", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/assessments", new { needs = new[] { new { domain = "safety", urgency = "high" } } })),
            ("POST crises", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/crises", new { kind = "other", severity = "moderate" })),
            ("POST case-manager", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/case-manager", new { caseManagerId = "cm-matrix" })),
            ("POST transfer", [-1, 404, 404, 404, 404, 404, 403, 401],
                c => c.PostAsJsonAsync($"{caseUrl}/transfer", new { toAgencyId = "agency-elsewhere" })),
            ("POST transfer acceptance", [404, 404, 404, 404, 404, 404, 403, 401], c => c.PostAsync($"{caseUrl}/transfer/acceptance", null)),
            ("DELETE team member", [-1, 404, 404, 404, 404, 404, 403, 401], c => c.DeleteAsync($"{caseUrl}/team/{unconsented}")),
        };

        var mismatches = new List<string>();
        foreach (var (call, statuses, send) in expected)
        {
            for (var i = 0; i < actors.Length; i++)
            {
                if (statuses[i] < 0) continue;
                var (name, agency, role) = actors[i];
                var response = await send(client(agency, role));
                if ((int)response.StatusCode != statuses[i])
                    mismatches.Add($"{call} as {name}: expected {statuses[i]}, got {(int)response.StatusCode}");
            }
        }

        // The lead agency's own changes, then what they mean for the others.
        await Expect(leadClient.DeleteAsync($"{caseUrl}/consents/{consentOk}"), HttpStatusCode.NoContent);
        var afterRevocation = await client(consented, "case-manager").GetAsync(caseUrl);
        if (afterRevocation.StatusCode != HttpStatusCode.NotFound)
            mismatches.Add($"GET case as team agency right after its consent was revoked: expected 404, got {(int)afterRevocation.StatusCode}");
        return mismatches;
    }

    /// <summary>What a team agency with a needs-only consent may read: the needs, never the team or the consents.</summary>
    public static async Task<JsonElement> ReadAsTeamAgencyAsync(Func<string?, string, HttpClient> client)
    {
        var lead = TestTokens.NewAgency("lead");
        var team = TestTokens.NewAgency("team");
        var leadClient = client(lead, "case-manager");
        var opened = await Expect(leadClient.PostAsJsonAsync("/api/intake/cases", new
        {
            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult",
            traffickingType = "sex", preferredLanguage = "ro", interpreterNeeded = true,
        }), HttpStatusCode.Created);
        var caseUrl = opened.Headers.Location!.ToString();
        await Expect(leadClient.PostAsJsonAsync($"{caseUrl}/team", new { agencyId = team, role = "shelter" }), HttpStatusCode.NoContent);
        await GrantAsync(leadClient, caseUrl, team, DateTimeOffset.UtcNow.AddDays(30));
        var read = await Expect(client(team, "provider").GetAsync(caseUrl), HttpStatusCode.OK);
        return await read.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object ConsentBody(string agency, DateTimeOffset expires) => new
    {
        agencyId = agency, categories = new[] { "needs" }, expiresAt = expires, givenBy = "client", releaseReference = "release-test-0001",
    };

    private static async Task<Guid> GrantAsync(HttpClient lead, string caseUrl, string agency, DateTimeOffset expires)
    {
        var response = await Expect(lead.PostAsJsonAsync($"{caseUrl}/consents", ConsentBody(agency, expires)), HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        if (response.StatusCode != status)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The consent did not expire within 30 s.");
            await Task.Delay(250);
        }
    }
}
