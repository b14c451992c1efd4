using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>Kills the Intake process, so it runs alone with a platform of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "crash";
}

[Collection(CrashCollection.Name)]
public sealed class CrashTests(PlatformFixture platform)
{
    [Fact]
    public async Task Killing_intake_right_after_commits_loses_no_event_and_no_consumer_applies_one_twice()
    {
        var client = platform.DirectToIntake(TestTokens.NewAgency());
        var committed = new List<Guid>();
        const int Cases = 40;

        // Open cases concurrently and SIGKILL the service as soon as a batch of them has been committed,
        // while the relay is still publishing them.
        using var stop = new CancellationTokenSource();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await client.PostAsJsonAsync("/api/intake/cases", new
                    {
                        referralSource = "service-provider",
                        clientCategory = "foreign-national",
                        ageGroup = "adult",
                        traffickingType = "labor-and-sex",
                        preferredLanguage = "vi",
                        interpreterNeeded = false,
                    });
                    if (response.StatusCode != HttpStatusCode.Created) continue;
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    lock (committed)
                    {
                        committed.Add(id);
                        if (committed.Count >= Cases) enough.TrySetResult();
                    }
                }
                catch (HttpRequestException)
                {
                    // The service is gone; a request in flight may or may not have been committed.
                    await Task.Delay(100);
                }
            }
        }).ToList();

        await Task.WhenAny(enough.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await platform.Intake.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(committed.Count >= Cases, $"only {committed.Count} cases were opened before the kill");

        await platform.Intake.StartAsync();

        foreach (var caseId in committed)
        {
            var seen = await platform.Consumer.WaitForAsync(caseId, 1, TimeSpan.FromSeconds(60));
            Assert.Single(seen);
        }
    }
}
