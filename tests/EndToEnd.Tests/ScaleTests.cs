using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>A thousand webhook subscriptions on one Communications instance, so it runs alone with a platform of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "scale";
}

[Collection(ScaleCollection.Name)]
public sealed class ScaleTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Subscriptions = 1000;
    private const int LeadSubscriptions = 50;
    private const int OtherAgencies = 19;
    private const int Cases = 10;

    /// <summary>The configured cap of a service's PostgreSQL pool (<c>EventStore:MaxPoolSize</c>, not set by the fixture).</summary>
    private const int PoolSize = 20;

    [Fact]
    public async Task A_thousand_subscriptions_keep_connections_within_the_pool_sleep_while_nothing_is_due_and_still_deliver_every_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var process = platform.Communications.Process!;
        var before = await CpuShareAsync(process, TimeSpan.FromSeconds(10));
        var lead = TestTokens.NewAgency("lead");
        // Each of 20 agencies holds 50 subscriptions; only the lead's may see the cases below.
        var owners = Enumerable.Range(0, Subscriptions)
            .Select(i => i < LeadSubscriptions ? lead : $"{lead}-other-{i % OtherAgencies}").ToList();
        var created = new ConcurrentBag<(int Index, Guid Id)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Subscriptions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var client = platform.DirectToCommunications(owners[i]);
            var response = await client.PostAsJsonAsync("/api/communications/subscriptions",
                new { url = receiver.UrlOf($"s{i}"), eventTypes = new[] { "platform.intake.case-opened" } }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            receiver.Verify($"s{i}", body.GetProperty("secret").GetString()!);
            created.Add((i, body.GetProperty("id").GetGuid()));
        });
        Assert.Equal(Subscriptions, created.Count);

        // Idle: nothing is due, so nothing should run.
        // The burst of registrations leaves the runtime compiling and collecting for a few seconds: that is not idle.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var idleConnections = await ConnectionsAsync();
        var idleShare = await CpuShareAsync(process, TimeSpan.FromSeconds(15));
        output.WriteLine($"idle: {idleShare:P1} of a core (before the subscriptions: {before:P1}), {idleConnections} PostgreSQL connections held by Communications");

        // Busy: every command of the lead's cases goes to its 50 subscriptions while 950 others see nothing.
        using var sampling = new CancellationTokenSource();
        var busiest = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                busiest = Math.Max(busiest, await ConnectionsAsync());
                await Task.Delay(100);
            }
        });
        var intake = platform.DirectToIntake(lead);
        var acknowledged = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < Cases; i++)
        {
            var opened = await intake.PostAsJsonAsync("/api/intake/cases", new
            {
                referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
                preferredLanguage = "es", interpreterNeeded = false,
            });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            acknowledged[(await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!] = DateTimeOffset.UtcNow;
        }
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < LeadSubscriptions; i++)
        {
            var got = await receiver.WaitUntilAsync($"s{i}", all => all.Count(d => d.Accepted) >= Cases, $"{Cases} cases",
                TimeSpan.FromSeconds(60));
            var firsts = got.Where(d => d.Accepted).DistinctBy(d => d.Id).ToList();
            Assert.Equal(acknowledged.Keys.Order(), firsts.Select(d => d.PartitionKey).Order());
            Assert.Equal(Enumerable.Range(1, Cases).Select(n => (long)n), firsts.Select(d => d.Sequence));
            latencies.AddRange(firsts.Select(d => d.ReceivedAt - acknowledged[d.PartitionKey]));
        }
        await sampling.CancelAsync();
        await sampler;
        latencies.Sort();
        output.WriteLine($"busy: at most {busiest} PostgreSQL connections; {latencies.Count} deliveries, accepted → received p50 "
            + $"{latencies[latencies.Count / 2].TotalMilliseconds:F0} ms, p99 {latencies[latencies.Count * 99 / 100].TotalMilliseconds:F0} ms, "
            + $"max {latencies[^1].TotalMilliseconds:F0} ms");

        for (var i = LeadSubscriptions; i < Subscriptions; i++) Assert.Empty(receiver.Received($"s{i}"));
        Assert.Empty(receiver.Violations);
        Assert.True(idleShare < 0.05, $"idle Communications used {idleShare:P1} of a core with {Subscriptions} subscriptions");
        Assert.True(busiest <= PoolSize, $"Communications held {busiest} PostgreSQL connections (pool: {PoolSize})");
        Assert.True(idleConnections <= PoolSize, $"Communications held {idleConnections} idle PostgreSQL connections");
        // Not a speed test (the benchmark measures latency): a bound that only starvation of some subscriptions would break.
        Assert.True(latencies[^1] < TimeSpan.FromSeconds(15), $"a delivery took {latencies[^1]}");
    }

    /// <summary>The share of one core the process used over <paramref name="window"/>, each second printed.</summary>
    private async Task<double> CpuShareAsync(Process process, TimeSpan window)
    {
        process.Refresh();
        var start = process.TotalProcessorTime;
        var last = start;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed < window)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            process.Refresh();
            output.WriteLine($"{wall.Elapsed.TotalSeconds:F0} s: {(process.TotalProcessorTime - last).TotalMilliseconds:F0} ms of CPU");
            last = process.TotalProcessorTime;
        }
        return (process.TotalProcessorTime - start) / wall.Elapsed;
    }

    /// <summary>Connections Communications holds now: its store's application name is its schema.</summary>
    private async Task<int> ConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(platform.Servers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = @name", connection);
        command.Parameters.AddWithValue("name", platform.CommunicationsSchema);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
