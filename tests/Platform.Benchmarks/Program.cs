using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Benchmarks;

// Relay benchmark: one process hosts Intake's write side (Marten + HotCold daemon + integration event relay +
// MassTransit with publisher confirms) and a downstream consumer (the platform's partitioned idempotent consumers).
// Phase A measures commit -> consumer lag at a steady rate; phase B measures how the relay keeps up with the highest
// append rate the machine sustains, as a ratio to that raw append rate measured in the same run.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine($"error: {e.Message}\n");
    Console.Error.WriteLine(BenchOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

var runId = Guid.NewGuid().ToString("N")[..8];
var writeSchema = $"bench_{runId}";
var consumerSchema = $"bench_{runId}_consumer";
var consumerService = $"bench-{runId}";
var recorder = new Recorder();
WriteSide? write = null;
BrokerScope? broker = null;
ConsumerSide? consumer = null;
var exitCode = 0;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

try
{
    var machine = await MachineInfoReader.ReadAsync(options);
    var background = new CpuSample();
    await Task.Delay(2000, stop.Token);
    background.Stop();
    broker = await BrokerScope.OpenAsync(options, runId, Progress);
    Progress($"run {runId}: write schema {writeSchema}, consumer schema {consumerSchema}, queue {consumerService}-case-events");

    // The consumer first: its queue and bindings must exist before the relay publishes anything.
    consumer = await ConsumerSide.StartAsync(options, broker.Amqp, consumerSchema, consumerService, recorder);
    write = await WriteSide.StartAsync(options, broker.Amqp, writeSchema, recorder);
    var store = write.Store;

    // Warm-up: JIT, connection pools, the daemon's leadership (HotCold polls for it every few seconds).
    var warmup = new Phase("warm-up");
    if (options.Warmup > 0)
    {
        Progress($"warm-up: {options.Warmup} events at {Math.Min(options.Rate, 100)}/s");
        await Phases.SteadyAsync(store, recorder, warmup, Math.Min(options.Rate, 100), options.Warmup, options.NewCaseShare, 1_000, stop.Token);
        if (!await warmup.WaitForConsumerAsync(recorder, TimeSpan.FromSeconds(120)))
            throw new BenchmarkFailure("warm-up events did not reach the consumer within 120 s (is the relay running?)");
        await Task.Delay(1000, stop.Token);
    }

    using var daemonObserver = write.ObserveDaemon(recorder);
    Progress("measuring floors: PostgreSQL commit, RabbitMQ persistent publish + confirm");
    var floors = await Floors.MeasureAsync(options, broker.Amqp, writeSchema, $"{consumerService}-floor");

    // Phase A: steady rate.
    var steady = new Phase("steady");
    var steadyCount = options.Rate * options.Seconds;
    Progress($"phase A: {steadyCount} events at {options.Rate}/s for {options.Seconds} s");
    using var jit = options.DiagnoseJit ? new JitDiagnostics() : null;
    jit?.Start();
    var cpuA = new CpuSample();
    var lateness = await Phases.SteadyAsync(store, recorder, steady, options.Rate, steadyCount, options.NewCaseShare, 2_000, stop.Token);
    cpuA.Stop();
    jit?.Stop();
    if (jit is not null) Console.Error.WriteLine(jit.Report(options.Seconds));
    var steadyArrived = await steady.WaitForConsumerAsync(recorder, TimeSpan.FromSeconds(120));
    await Task.Delay(1000, stop.Token); // late duplicates would show up here
    var a = PhaseResult.Of(steady, recorder, cpuA, lateness);
    Progress($"phase A: delivered p50 {a.Received.PercentileMs(50):F1} ms, p99 {a.Received.PercentileMs(99):F1} ms" + (steadyArrived ? "" : " (NOT all events arrived)"));

    // Phase B: as fast as the writers go.
    var burst = new Phase("burst");
    Progress($"phase B: {options.Writers} writers for {options.BurstSeconds} s");
    var cpuB = new CpuSample();
    await Phases.BurstAsync(store, recorder, burst, options.Writers, TimeSpan.FromSeconds(options.BurstSeconds), options.NewCaseShare, 3_000, stop.Token);
    cpuB.Stop();
    Progress($"phase B: {burst.Count} events appended; waiting for the consumer");
    var burstArrived = await burst.WaitForConsumerAsync(recorder, TimeSpan.FromSeconds(Math.Max(180, 20 * options.BurstSeconds)));
    await Task.Delay(1000, stop.Token);
    var b = PhaseResult.Of(burst, recorder, cpuB);
    Progress($"phase B: append {b.AppendRate:F0}/s, relay {b.RelayRate:F0}/s, drain {b.DrainMs:F0} ms" + (burstArrived ? "" : " (NOT all events arrived)"));

    var integrity = Integrity.Check(recorder, [warmup, steady, burst]);
    Console.Out.Write(Report.Render(options, machine, broker, background, floors, runId, a, b, integrity));
    Console.Out.Flush();
    if (!integrity.Ok) exitCode = 1;
}
catch (Exception e) when (e is BenchmarkFailure or OperationCanceledException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    exitCode = 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e}");
    exitCode = 1;
}
finally
{
    Progress("cleaning up");
    try { if (write is not null) await write.DisposeAsync(); } catch (Exception e) { Console.Error.WriteLine($"warning: stopping the write side: {e.Message}"); }
    try { if (consumer is not null) await consumer.DisposeAsync(); } catch (Exception e) { Console.Error.WriteLine($"warning: stopping the consumer: {e.Message}"); }
    await Cleanup.DropSchemasAsync(options, [writeSchema, consumerSchema], Progress);
    if (broker is not null) await broker.CloseAsync(options, $"{consumerService}-case-events", Progress);
}
return exitCode;

namespace Platform.Benchmarks
{
    public sealed class BenchmarkFailure(string message) : Exception(message);

    /// <summary>Exactly once and in order, over every phase: what the tests assert, at volume.</summary>
    public sealed record Integrity(int Events, int Cases, int Lost, int DuplicateDeliveries, int Republished, int AppliedTwice,
        int MisorderedCases, int ForeignMessages, IReadOnlyList<string> Examples)
    {
        public bool Ok => Lost == 0 && DuplicateDeliveries == 0 && Republished == 0 && AppliedTwice == 0 && MisorderedCases == 0;

        public static Integrity Check(Recorder r, IReadOnlyList<Phase> phases)
        {
            var events = phases.SelectMany(p => p.Events).ToList();
            var examples = new List<string>();
            void Note(string s) { if (examples.Count < 10) examples.Add(s); }

            int lost = 0, duplicates = 0, republished = 0, appliedTwice = 0;
            foreach (var e in events)
            {
                var deliveries = r.Deliveries.GetValueOrDefault(e.EventId);
                if (deliveries == 0 || !r.Applied.ContainsKey(e.EventId)) { lost++; Note($"lost: {e.Type} {e.EventId} (case {e.CaseId} v{e.Version})"); }
                if (deliveries > 1) { duplicates++; Note($"delivered {deliveries}x: {e.Type} {e.EventId}"); }
                if (r.PublishCount.GetValueOrDefault(e.EventId) > 1) { republished++; Note($"published {r.PublishCount[e.EventId]}x: {e.EventId}"); }
                if (r.ApplyCount.GetValueOrDefault(e.EventId) > 1) { appliedTwice++; Note($"applied {r.ApplyCount[e.EventId]}x: {e.EventId}"); }
            }

            var misordered = 0;
            var byCase = events.GroupBy(e => e.CaseId).ToList();
            foreach (var c in byCase)
            {
                var expected = c.Select(e => e.Version).Order().ToList();
                var seen = r.AppliedVersions.TryGetValue(c.Key, out var list) ? Snapshot(list) : [];
                if (!seen.SequenceEqual(expected) || !expected.SequenceEqual(Enumerable.Range(1, expected.Count).Select(v => (long)v)))
                {
                    misordered++;
                    Note($"case {c.Key}: committed v[{string.Join(",", expected)}], applied v[{string.Join(",", seen)}]; " +
                         "per event, ms after the case's first commit (commit/publish/confirm/deliver/handle/apply): " +
                         string.Join("; ", c.OrderBy(e => e.Version).Select(e => Timeline(r, e, c.Min(x => x.At)))));
                }
            }

            var known = events.Select(e => e.EventId).ToHashSet();
            var foreign = r.Deliveries.Keys.Count(id => !known.Contains(id));
            return new Integrity(events.Count, byCase.Count, lost, duplicates, republished, appliedTwice, misordered, foreign, examples);
        }

        private static string Timeline(Recorder r, Committed e, long origin)
        {
            string At(System.Collections.Concurrent.ConcurrentDictionary<Guid, long> d) =>
                d.TryGetValue(e.EventId, out var t) ? Recorder.Ms(t - origin).ToString("F1") : "-";
            return $"v{e.Version} {e.Type}: {Recorder.Ms(e.At - origin):F1}/{At(r.Published)}/{At(r.Confirmed)}/{At(r.Received)}/{At(r.Handled)}/{At(r.Applied)}";
        }

        private static List<long> Snapshot(List<long> list)
        {
            lock (list) return list.ToList();
        }
    }

    public sealed record MachineInfo(int Cores, string Cpu, string Fsync, string SynchronousCommit, string Postgres, string RabbitMq, string Runtime)
    {
        /// <summary>The environment variable wins over the runtimeconfig switch, as it does for the runtime.</summary>
        public bool TieredCompilation { get; } = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is { } variable
            ? variable != "0"
            : !AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out var on) || on;
    }

    public static class MachineInfoReader
    {
        public static async Task<MachineInfo> ReadAsync(BenchOptions options)
        {
            await using var data = NpgsqlDataSource.Create(options.Postgres);
            async Task<string> Show(string setting)
            {
                await using var command = data.CreateCommand($"show {setting}");
                return (string)(await command.ExecuteScalarAsync())!;
            }
            var cpu = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
                : "?";
            return new MachineInfo(Environment.ProcessorCount, cpu, await Show("fsync"), await Show("synchronous_commit"),
                await Show("server_version"), await RabbitVersionAsync(options), Environment.Version.ToString());
        }

        private static async Task<string> RabbitVersionAsync(BenchOptions options)
        {
            try
            {
                using var http = Cleanup.Management(options);
                using var doc = JsonDocument.Parse(await http.GetStringAsync("api/overview"));
                return doc.RootElement.GetProperty("rabbitmq_version").GetString() ?? "?";
            }
            catch (Exception)
            {
                return "?";
            }
        }
    }

    public static class Cleanup
    {
        public static HttpClient Management(BenchOptions options)
        {
            var http = new HttpClient { BaseAddress = options.RabbitManagement, Timeout = TimeSpan.FromSeconds(10) };
            var parts = options.RabbitMq.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            return http;
        }

        /// <summary>Drops the run's schemas, so repeated runs leave nothing behind in the database.</summary>
        public static async Task DropSchemasAsync(BenchOptions options, IReadOnlyList<string> schemas, Action<string> progress)
        {
            try
            {
                await using var data = NpgsqlDataSource.Create(options.Postgres);
                foreach (var schema in schemas)
                {
                    await using var command = data.CreateCommand($"drop schema if exists \"{schema}\" cascade");
                    await command.ExecuteNonQueryAsync();
                }
                progress($"dropped schemas {string.Join(", ", schemas)}");
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"warning: could not drop schemas {string.Join(", ", schemas)}: {e.Message}");
            }
        }
    }
}
