using JasperFx.Events;
using Marten;
using Marten.Services;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.EventSourcing;
using Platform.EventSourcing.Http;
using Platform.Intake;
using Platform.Intake.Cases.Closing;
using Platform.Intake.Cases.Opening;
using IntakeCase = Platform.Intake.Cases.Case;
using CaseStatus = Platform.Intake.Cases.CaseStatus;

namespace Platform.Benchmarks;

/// <summary>
/// Intake's write side exactly as <see cref="IntakeServices.AddIntake"/> builds it (Marten in its own schema,
/// LISTEN/NOTIFY, HotCold daemon, the integration event relay, MassTransit with publisher confirms), without HTTP:
/// the benchmark appends through the document store directly.
/// </summary>
public sealed class WriteSide : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WriteSide(WebApplication app) => _app = app;

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public static async Task<WriteSide> StartAsync(BenchOptions options, Uri rabbitMq, string schema, Recorder recorder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(IntakeServices).Assembly.GetName().Name,
        });
        // Nothing is served; Kestrel takes any free loopback port so runs never collide.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>(Quiet.Logging)
        {
            ["ConnectionStrings:Events"] = options.Postgres,
            ["ConnectionStrings:RabbitMq"] = rabbitMq.ToString(),
            ["Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["EventStore:Schema"] = schema,
        };
        foreach (var (key, value) in options.WriteSideSettings) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);

        builder.AddIntake();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddPublishObserver<RelayObserver>();
        if (options.DaemonFastPollingMs is not null || options.DaemonSlowPollingMs is not null || options.NoListenNotify)
        {
            builder.Services.ConfigureMarten(o =>
            {
                if (options.NoListenNotify) o.Events.UseListenNotifyForEventAppends = false;
                if (options.DaemonFastPollingMs is { } fast) o.Projections.FastPollingTime = TimeSpan.FromMilliseconds(fast);
                if (options.DaemonSlowPollingMs is { } slow) o.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(slow);
            });
        }

        if (options.RelayHopper is { } hopper)
        {
            // The relay is a singleton subscription: Marten hands its own Options object to the daemon.
            builder.Services.ConfigureMarten((services, _) =>
                services.GetRequiredService<Platform.EventSourcing.Relay.IntegrationEventRelay>().Options.MaximumHopperSize = hopper);
        }

        var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new WriteSide(app);
    }

    /// <summary>Follows the daemon's shard states (high water mark, relay progression); call once the relay runs.</summary>
    public IDisposable ObserveDaemon(Recorder recorder)
    {
        var coordinator = _app.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        return coordinator.DaemonForMainDatabase().Tracker.Subscribe(new TrackerObserver(recorder));
    }

    private sealed class TrackerObserver(Recorder recorder) : IObserver<JasperFx.Events.Projections.ShardState>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(JasperFx.Events.Projections.ShardState value) => recorder.OnShardState(value.ShardName, value.Sequence);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// One writer: appends one event per commit, either a new case (<see cref="CaseOpened"/> starting a stream) or a
/// close/reopen of one of its own earlier cases through <see cref="Streams.DecideAsync{TState}"/>, the production
/// write path (fetch for writing, version check, decide, append, commit). Writers never share cases, so the
/// benchmark itself causes no version conflicts.
/// </summary>
public sealed class Writer(IDocumentStore store, Recorder recorder, int seed, double newCaseShare)
{
    private sealed class OwnCase(Guid id)
    {
        public Guid Id { get; } = id;
        public long Version { get; set; } = 1;
        public bool Closed { get; set; }
    }

    private readonly Random _random = new(seed);
    private readonly List<OwnCase> _cases = [];
    private readonly string _agency = $"bench-agency-{seed % 7}";

    public async Task AppendOneAsync(Phase phase, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.SetHeader(EventHeaders.Agency, _agency);
        session.LastModifiedBy = $"bench-user-{seed}";
        var committed = new CommittedEvents();
        session.Listeners.Add(committed);

        if (_cases.Count == 0 || _random.NextDouble() < newCaseShare)
        {
            var caseId = Guid.CreateVersion7();
            var opened = CaseOpening.Decide(new OpenCase(caseId, _agency,
                (ReferralSource)_random.Next(7), (ClientCategory)_random.Next(2), (AgeGroup)_random.Next(2),
                (TraffickingType)_random.Next(4), "en", _random.Next(2) == 0, DateTimeOffset.UtcNow));
            session.Events.StartStream<IntakeCase>(caseId, opened);
            await session.SaveChangesAsync(cancellationToken);
            _cases.Add(new OwnCase(caseId));
        }
        else
        {
            var own = _cases[_random.Next(_cases.Count)];
            var now = DateTimeOffset.UtcNow;
            var write = await session.DecideAsync<IntakeCase>(own.Id, own.Version, _ => true,
                state => state.Status == CaseStatus.Open
                    ? CaseClosing.Decide(state, new CloseCase((CaseClosureReason)_random.Next(6), now))
                    : CaseClosing.Decide(state, new ReopenCase(now)),
                cancellationToken);
            if (write.Outcome != StreamWriteOutcome.Written)
                throw new InvalidOperationException($"Writing case {own.Id} at version {own.Version} gave {write.Outcome} (version {write.Version}).");
            own.Version = write.Version;
            own.Closed = !own.Closed;
        }

        var at = Recorder.Now();
        if (committed.Events.Count == 0) throw new InvalidOperationException("A commit appended no event.");
        recorder.Commit(phase, committed.Events.Select(e => new Committed(e.Id, e.StreamId, e.Version, e.Sequence, e.EventTypeName, at)));
    }

    /// <summary>The events a session committed, with the ids Marten gave them (the relay's message ids).</summary>
    private sealed class CommittedEvents : DocumentSessionListenerBase
    {
        public List<IEvent> Events { get; } = [];

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            Events.AddRange(commit.GetEvents());
            return Task.CompletedTask;
        }
    }
}

/// <summary>On the write side's bus: when the relay starts publishing an event, and when the broker confirmed it.</summary>
public sealed class RelayObserver(Recorder recorder) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent e) recorder.OnPublishing(e.EventId);
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent e) recorder.OnConfirmed(e.EventId);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

internal static class Quiet
{
    /// <summary>Warnings and errors only, so the report stays readable.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Logging = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:LogLevel:Marten"] = "Warning",
        ["Logging:LogLevel:JasperFx"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:Npgsql"] = "Warning",
    };
}
