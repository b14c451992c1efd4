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
public sealed class CrashTests(PlatformFixture platform, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Intake's Idempotency:PendingSeconds here: how long a key taken by a killed run stays in progress.</summary>
    public const int PendingSeconds = 8;

    [Fact]
    public async Task Retries_of_idempotency_keys_sent_around_a_kill_get_one_outcome_each_and_open_each_case_once()
    {
        var agency = TestTokens.NewAgency();
        var client = platform.DirectToIntake(agency);
        var keys = new List<string>();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, Uri>();
        const int Keys = 40;
        int inProgress = 0, lost = 0;

        async Task SendUntilAnsweredAsync(string key, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/cases")
                    {
                        Content = JsonContent.Create(new
                        {
                            referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
                            preferredLanguage = "es", interpreterNeeded = false,
                        }),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    var response = await client.SendAsync(request, ct);
                    if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref inProgress);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        outcomes[key] = response.Headers.Location!;
                        return;
                    }
                    Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable,
                        $"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
                catch (HttpRequestException)
                {
                    // The service is gone or starting; the request may or may not have been committed.
                    Interlocked.Increment(ref lost);
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                await Task.Delay(100, CancellationToken.None);
            }
        }

        // Four writers, each sending one new key at a time; the service is killed while keys are in flight.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            for (var i = 0; i < Keys / 4; i++)
            {
                var key = $"crash-{w}-{i}-{Guid.NewGuid():N}";
                lock (keys) keys.Add(key);
                if (outcomes.Count >= Keys / 4) started.TrySetResult();
                await SendUntilAnsweredAsync(key, deadline.Token);
            }
        }).ToList();
        await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await platform.Intake.KillAsync();
        var beforeKill = outcomes.Count;
        await platform.Intake.StartAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"answered before the kill: {beforeKill}; requests lost to the kill: {lost}; answered 409 in progress: {inProgress}");
        Assert.True(beforeKill < Keys, "every key was answered before the kill: the test proved nothing");
        Assert.Equal(Keys, outcomes.Count);
        Assert.Equal(Keys, outcomes.Values.Distinct().Count());
        var opened = new List<Guid>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/intake/cases?limit=100{(after is null ? "" : $"&after={after}")}");
            opened.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(outcomes.Values.Select(u => Guid.Parse(u.ToString().Split('/')[^1])).Order(), opened.Order());
    }

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

    [Fact]
    public async Task Killing_communications_during_deliveries_loses_no_webhook_and_a_repeat_carries_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay("agency", TimeSpan.FromMilliseconds(40));
        var agency = TestTokens.NewAgency("lead");
        var subscribed = await platform.DirectToCommunications(agency).PostAsJsonAsync("/api/communications/subscriptions",
            new { url = receiver.UrlOf("agency"), eventTypes = new[] { "platform.intake.case-opened" } });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        receiver.Verify("agency", (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);

        var intake = platform.DirectToIntake(agency);
        var cases = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var opened = await intake.PostAsJsonAsync("/api/intake/cases", new
            {
                referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
                preferredLanguage = "es", interpreterNeeded = false,
            });
            cases.Add((await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        await receiver.WaitForAsync("agency", 5, TimeSpan.FromSeconds(60));
        await platform.Communications.KillAsync();
        var beforeKill = receiver.Received("agency").Count;
        await platform.Communications.StartAsync();

        var got = await receiver.WaitUntilAsync("agency",
            all => cases.All(c => all.Any(d => d.PartitionKey == c.ToString() && d.Accepted)), "every case", TimeSpan.FromSeconds(90));

        Assert.True(beforeKill < cases.Count, "every delivery was done before the kill: the test proved nothing");
        Assert.All(got.GroupBy(d => d.Id), repeat => Assert.Single(repeat.Select(d => d.Sequence).Distinct()));
        var firsts = got.DistinctBy(d => d.Id).ToList();
        Assert.Equal(cases.Select(c => c.ToString()).Order(), firsts.Select(d => d.PartitionKey).Order());
        Assert.Equal(Enumerable.Range(1, cases.Count).Select(i => (long)i), firsts.Select(d => d.Sequence));
        Assert.Empty(receiver.Violations);
    }
}
