using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

/// <summary>Commands on one case that arrive together take turns on the case's stream: none fails for a change it did not see.</summary>
[Collection(IntakeCollection.Name)]
public sealed class StreamTurnTests(IntakeFixture fixture)
{
    private const int Concurrent = 12;

    [Fact]
    public async Task Concurrent_commands_on_one_case_without_if_match_all_commit_in_turn()
    {
        var agency = TestTokens.NewAgency();
        var (opened, _) = await fixture.ClientFor(agency).OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";

        using var start = new SemaphoreSlim(0);
        var reports = Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            await start.WaitAsync();
            return await fixture.ClientFor(agency).PostAsJsonAsync($"{url}/crises", new { kind = "other", severity = "moderate" });
        }).ToList();
        start.Release(Concurrent);
        var responses = await Task.WhenAll(reports);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var view = await fixture.ClientFor(agency).GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(Concurrent, view.GetProperty("crises").GetArrayLength());
        // Each commit saw the one before it: the versions the responses name are all different.
        Assert.Equal(Concurrent, responses.Select(r => r.Headers.ETag?.Tag).Distinct().Count());
    }

    [Fact]
    public async Task A_command_naming_a_version_another_command_has_passed_is_still_refused_with_412()
    {
        var lead = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await lead.OpenAsync();
        var url = $"/api/intake/cases/{opened.Id}";
        var read = await lead.GetAsync(url);
        var etag = read.Headers.ETag!;
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"{url}/crises", new { kind = "other", severity = "moderate" })).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"{url}/crises") { Content = JsonContent.Create(new { kind = "other", severity = "high" }) };
        stale.Headers.IfMatch.Add(etag);
        var response = await lead.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }
}
