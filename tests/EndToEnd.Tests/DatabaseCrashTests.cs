using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Crashes PostgreSQL (<c>pg_ctl stop -m immediate</c>) and kills Communications at several moments while commands go
/// on, and checks that every acknowledged command reaches every subscription entitled to it: once, in case order, with
/// a sequence that has no gap. The moments come from a seed (<c>PLATFORM_FAULT_SEED</c>, random by default and printed),
/// so a failing run can be repeated exactly.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class DatabaseCrashTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int CasesPerAgency = 12;
    private const int Rounds = 3;

    private sealed record Acknowledged(string Agency, Guid CaseId, long Version);

    [Fact]
    public async Task Crashing_postgres_and_communications_under_load_leaves_no_acknowledged_event_undelivered_and_no_gap_in_a_sequence()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_FAULT_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"PLATFORM_FAULT_SEED={seed}");
        var random = new Random(seed);

        await using var receiver = await WebhookReceiver.StartAsync();
        var agencies = new[] { TestTokens.NewAgency("lead"), TestTokens.NewAgency("lead") };
        foreach (var agency in agencies)
        {
            var subscribed = await platform.DirectToCommunications(agency).PostAsJsonAsync("/api/communications/subscriptions",
                new { url = receiver.UrlOf(agency) });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            receiver.Verify(agency, (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
        }

        var acknowledged = new ConcurrentBag<Acknowledged>();
        var cases = new Dictionary<string, List<Guid>>();
        foreach (var agency in agencies)
        {
            cases[agency] = [];
            var intake = platform.DirectToIntake(agency);
            for (var i = 0; i < CasesPerAgency; i++)
            {
                var opened = await intake.PostAsJsonAsync("/api/intake/cases", OpenCase);
                Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
                var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                cases[agency].Add(id);
                acknowledged.Add(new Acknowledged(agency, id, 1));
            }
        }

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => WriteAsync(agencies[w % agencies.Length], cases[agencies[w % agencies.Length]],
            new Random(seed + w + 1), acknowledged, stop.Token)).ToList();

        for (var round = 0; round < Rounds; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2500)));
            await platform.Servers.StopPostgresAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3000)));
            await platform.Servers.StartPostgresAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 2500)));
            await platform.Communications.KillAsync();
            await platform.Communications.StartAsync(TimeSpan.FromSeconds(90));
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var expected = acknowledged.ToList();
        output.WriteLine($"{expected.Count} acknowledged commands");
        Assert.True(expected.Count > CasesPerAgency * agencies.Length + 30, $"only {expected.Count} commands were acknowledged: the load proved little");

        foreach (var agency in agencies)
        {
            var wanted = expected.Where(a => a.Agency == agency).Select(a => (a.CaseId, a.Version)).ToHashSet();
            IReadOnlyList<WebhookReceiver.Delivery> got;
            try
            {
                got = await receiver.WaitUntilAsync(agency, all => wanted.IsSubsetOf(Delivered(all)), "every acknowledged event",
                    TimeSpan.FromSeconds(180));
            }
            catch (TimeoutException)
            {
                var missing = wanted.Except(Delivered(receiver.Received(agency))).ToList();
                Assert.Fail($"seed {seed}: {missing.Count} of {wanted.Count} acknowledged events never reached {agency}'s webhook, " +
                            $"e.g. version {missing[0].Item2} of a case");
                throw;
            }

            var accepted = got.Where(d => d.Accepted).ToList();
            // A repeat (a crash between sending and committing the outcome) carries the same webhook-id and sequence.
            Assert.All(accepted.GroupBy(d => d.Id), repeat => Assert.Single(repeat.Select(d => d.Sequence).Distinct()));
            var firsts = accepted.DistinctBy(d => d.Id).OrderBy(d => d.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, firsts.Count).Select(i => (long)i), firsts.Select(d => d.Sequence));
            // Each case's events of each service in the order that service committed them (each service counts its own stream).
            foreach (var byCase in firsts.GroupBy(d => (d.PartitionKey, Source(d))))
            {
                var versions = byCase.Select(Version).ToList();
                Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions);
            }
        }
        Assert.Empty(receiver.Violations);
    }

    private static HashSet<(Guid, long)> Delivered(IReadOnlyList<WebhookReceiver.Delivery> all) =>
        all.Where(d => d.Accepted && Source(d) == "/api/intake").Select(d => (Guid.Parse(d.PartitionKey), Version(d))).ToHashSet();

    private static string Source(WebhookReceiver.Delivery delivery) => delivery.CloudEvent.GetProperty("source").GetString()!;

    private static long Version(WebhookReceiver.Delivery delivery) => delivery.CloudEvent.GetProperty("data").GetProperty("caseVersion").GetInt64();

    private async Task WriteAsync(string agency, IReadOnlyList<Guid> cases, Random random, ConcurrentBag<Acknowledged> acknowledged,
        CancellationToken stop)
    {
        using var intake = platform.DirectToIntake(agency);
        intake.Timeout = TimeSpan.FromSeconds(10);
        while (!stop.IsCancellationRequested)
        {
            var caseId = cases[random.Next(cases.Count)];
            try
            {
                using var response = random.Next(3) == 0
                    ? await intake.PostAsJsonAsync($"/api/intake/cases/{caseId}/crises", new { kind = "safety-threat", severity = "high" })
                    : await intake.PostAsJsonAsync($"/api/intake/cases/{caseId}/assessments",
                        new { needs = new[] { new { domain = "housing", urgency = random.Next(2) == 0 ? "high" : "urgent" } } });
                if (response.IsSuccessStatusCode && response.Headers.ETag is { } etag)
                    acknowledged.Add(new Acknowledged(agency, caseId, long.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)));
                else if (!response.IsSuccessStatusCode) await Task.Delay(50);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // PostgreSQL is down or the request timed out: it may or may not have been committed, and is not counted.
                await Task.Delay(50);
            }
            await Task.Delay(random.Next(60, 120));
        }
    }

    private static readonly object OpenCase = new
    {
        referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
        preferredLanguage = "es", interpreterNeeded = false,
    };
}
