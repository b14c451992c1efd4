using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>Stops PostgreSQL and blocks RabbitMQ under the platform's feet, so it runs alone with a platform of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "outages";
}

[Collection(OutageCollection.Name)]
public sealed class OutageTests(PlatformFixture platform)
{
    private const int Writers = 4;

    [Fact]
    public async Task While_postgresql_is_down_every_request_is_a_503_problem_with_retry_after_and_every_201_is_kept()
    {
        var load = new Load(platform, Writers);
        var running = load.RunAsync(TimeSpan.FromSeconds(25));
        string readiness;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await platform.Servers.StopPostgresAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var health = await new HttpClient().GetAsync(new Uri(platform.Intake.Url, "/health/ready"));
            readiness = await health.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await platform.Servers.StartPostgresAsync();
        }
        await running;

        Assert.Contains("\"name\":\"postgresql\"", readiness);
        load.AssertOnlyCreatedOr503Problems();
        Assert.True(load.Unavailable > 0, "no request met the outage: the test proved nothing");
        Assert.True(load.CreatedAfterOutage > 0, "nothing was created after PostgreSQL came back");
        await load.AssertEveryCreatedCaseCanBeReadAsync();
    }

    [Fact]
    public async Task While_rabbitmq_blocks_publishers_commands_still_answer_and_every_event_arrives_once_the_alarm_clears()
    {
        var load = new Load(platform, Writers);
        try
        {
            await platform.Servers.RaiseMemoryAlarmAsync();
            await load.RunAsync(TimeSpan.FromSeconds(6));
        }
        finally
        {
            await platform.Servers.ClearMemoryAlarmAsync();
        }

        load.AssertOnlyCreatedOr503Problems();
        Assert.Equal(0, load.Unavailable);
        Assert.NotEmpty(load.Created);
        foreach (var caseId in load.Created)
            Assert.Single(await platform.Consumer.WaitForAsync(caseId, 1, TimeSpan.FromSeconds(60)));
        await load.AssertEveryCreatedCaseCanBeReadAsync();
    }

    /// <summary>Writers opening cases through the gateway, each for its own agency and within the gateway's rate limit.</summary>
    private sealed class Load(PlatformFixture platform, int writers)
    {
        private readonly List<(string Agency, Guid Case)> _created = [];
        private readonly List<string> _violations = [];
        private int _unavailable;
        private int _createdAfterOutage;

        public IReadOnlyList<Guid> Created => [.. _created.Select(c => c.Case)];
        public int Unavailable => _unavailable;
        public int CreatedAfterOutage => _createdAfterOutage;

        public Task RunAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
            return Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
            {
                var agency = TestTokens.NewAgency("outage");
                using var client = platform.ThroughGateway(agency);
                client.Timeout = TimeSpan.FromSeconds(30);
                while (DateTime.UtcNow < until)
                {
                    var started = DateTime.UtcNow;
                    using var response = await client.PostAsJsonAsync("/api/intake/cases", new
                    {
                        referralSource = "hotline", clientCategory = "foreign-national", ageGroup = "adult", traffickingType = "labor",
                        preferredLanguage = "es", interpreterNeeded = false,
                    });
                    await RecordAsync(agency, response);
                    // At most 10 a second per agency: under the gateway's rate limit, so a 429 is not mistaken for an outage.
                    var pause = TimeSpan.FromMilliseconds(100) - (DateTime.UtcNow - started);
                    if (pause > TimeSpan.Zero) await Task.Delay(pause);
                }
            }));
        }

        private async Task RecordAsync(string agency, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            lock (_violations)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        _created.Add((agency, JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid()));
                        if (_unavailable > 0) _createdAfterOutage++;
                        break;
                    case HttpStatusCode.ServiceUnavailable
                        when response.Headers.RetryAfter is not null
                             && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                             && JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32() == 503:
                        _unavailable++;
                        break;
                    default:
                        _violations.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
                        break;
                }
            }
        }

        public void AssertOnlyCreatedOr503Problems() => Assert.Empty(_violations);

        public async Task AssertEveryCreatedCaseCanBeReadAsync()
        {
            foreach (var (agency, caseId) in _created)
            {
                using var client = platform.DirectToIntake(agency);
                using var read = await client.GetAsync($"/api/intake/cases/{caseId}");
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }
        }
    }
}
