using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventSourcing.Http;
using Platform.Testing;

namespace Platform.Intake.Tests.Api;

/// <summary>
/// A service that died after taking an Idempotency-Key and before committing leaves the key pending with no outcome (its lease). The
/// pending row is written here as that dead run left it; nothing of the command was committed with it.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class IdempotencyCrashWindowTests(IntakeFixture fixture)
{
    private async Task<(HttpClient Client, string Agency, string Hash)> AgencyWithAHashAsync()
    {
        var agency = TestTokens.NewAgency();
        var client = fixture.ClientFor(agency);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(OpeningAndReadingTests.Post("/api/intake/cases", CaseRequests.ValidOpening(),
            idempotencyKey: key))).StatusCode);
        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var hash = (await session.LoadAsync<IdempotentRequest>($"{agency}/{key}"))!.RequestHash;
        return (client, agency, hash);
    }

    private async Task LeaveAPendingKeyAsync(string agency, string key, string hash, TimeSpan age)
    {
        await using var session = fixture.App.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(new IdempotentRequest
        {
            Id = $"{agency}/{key}", RequestHash = hash, ReceivedAt = DateTimeOffset.UtcNow - age, Attempt = Guid.CreateVersion7(),
        });
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task A_retry_after_a_crash_runs_the_command_once_when_the_pending_key_has_expired()
    {
        var (client, agency, hash) = await AgencyWithAHashAsync();
        var key = Guid.NewGuid().ToString();
        await LeaveAPendingKeyAsync(agency, key, hash, TimeSpan.FromHours(1));

        var retry = await client.SendAsync(OpeningAndReadingTests.Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));
        var again = await client.SendAsync(OpeningAndReadingTests.Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal(retry.Headers.Location, again.Headers.Location);
        var listed = await client.GetStringAsync("/api/intake/cases?limit=100");
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(listed).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_retry_while_the_first_run_may_still_be_going_is_told_it_is_in_progress()
    {
        var (client, agency, hash) = await AgencyWithAHashAsync();
        var key = Guid.NewGuid().ToString();
        await LeaveAPendingKeyAsync(agency, key, hash, TimeSpan.Zero);

        var retry = await client.SendAsync(OpeningAndReadingTests.Post("/api/intake/cases", CaseRequests.ValidOpening(), idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        var listed = await client.GetStringAsync("/api/intake/cases?limit=100");
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(listed).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_command_frees_its_key_so_a_retry_runs_it_again()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var key = Guid.NewGuid().ToString();
        var missing = $"/api/intake/cases/{Guid.CreateVersion7()}/closure";

        var first = await client.SendAsync(OpeningAndReadingTests.Post(missing, new { reason = "relocated" }, idempotencyKey: key));
        var retry = await client.SendAsync(OpeningAndReadingTests.Post(missing, new { reason = "relocated" }, idempotencyKey: key));

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotencyKeys.ReplayedHeader));
    }

    [Fact]
    public async Task A_command_refused_by_its_decision_frees_its_key_too()
    {
        var client = fixture.ClientFor(TestTokens.NewAgency());
        var (opened, _) = await client.OpenAsync();
        var closure = $"/api/intake/cases/{opened.Id}/closure";
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(OpeningAndReadingTests.Post(closure, new { reason = "relocated" }))).StatusCode);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(OpeningAndReadingTests.Post(closure, new { reason = "relocated" }, idempotencyKey: key));
        var retry = await client.SendAsync(OpeningAndReadingTests.Post(closure, new { reason = "relocated" }, idempotencyKey: key));

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal((await first.ProblemAsync()).GetProperty("title").GetString(), (await retry.ProblemAsync()).GetProperty("title").GetString());
    }
}
