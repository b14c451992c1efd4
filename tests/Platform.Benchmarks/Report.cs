using System.Text;

namespace Platform.Benchmarks;

/// <summary>The run as Markdown: targets first, then each phase's figures.</summary>
public static class Report
{
    public const double P50TargetMs = 20;
    public const double P99TargetMs = 100;
    public const double RatioTarget = 0.95;
    public const double DrainTargetMs = 1000;

    public static string Render(BenchOptions o, MachineInfo m, BrokerScope broker, CpuSample background, Floors floors, string runId, PhaseResult a, PhaseResult b, Integrity integrity)
    {
        var s = new StringBuilder();
        s.AppendLine($"# Relay benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Run `{runId}` with `{o.Describe()}`.");
        s.AppendLine($"Machine: {m.Cores} cores ({m.Cpu}); PostgreSQL {m.Postgres} with `fsync` = {m.Fsync}, `synchronous_commit` = {m.SynchronousCommit}; " +
                     $"RabbitMQ {m.RabbitMq}; .NET {m.Runtime} (tiered compilation {(m.TieredCompilation ? "on" : "off: steady-state code from the start")}). Everything (PostgreSQL, RabbitMQ, writers, relay, consumer) shares these cores.");
        s.AppendLine($"RabbitMQ traffic: {broker.Description}.");
        s.AppendLine($"Background load just before the run (2 s): {background.Describe()}.");
        s.AppendLine("Lag is measured from the moment `SaveChangesAsync` returned to the message reaching the consumer's pipeline (\"delivery\"); one Stopwatch, one process.");
        s.AppendLine();

        s.AppendLine("## Targets");
        s.AppendLine();
        s.AppendLine("| target | measured | result |");
        s.AppendLine("| --- | --- | --- |");
        var rateLabel = $"{o.Rate} events/s";
        Target(s, $"commit → consumer p50 ≤ {P50TargetMs:F0} ms at {rateLabel}", $"{a.Received.PercentileMs(50):F1} ms", a.Received.PercentileMs(50) <= P50TargetMs);
        Target(s, $"commit → consumer p99 ≤ {P99TargetMs:F0} ms at {rateLabel}", $"{a.Received.PercentileMs(99):F1} ms", a.Received.PercentileMs(99) <= P99TargetMs);
        Target(s, $"relay keeps up at the highest append rate: relay rate (broker-confirmed) / raw append rate ≥ {RatioTarget:F2}",
            $"{b.Ratio:F3} ({b.RelayRate:F0} / {b.AppendRate:F0} events/s)", b.Ratio >= RatioTarget);
        Target(s, $"relay lag stays bounded: last commit → last confirm ≤ {DrainTargetMs:F0} ms",
            $"{b.RelayDrainMs:F0} ms (burst commit → confirm p99 {b.Confirmed.PercentileMs(99):F0} ms)", b.RelayDrainMs <= DrainTargetMs);
        Target(s, "every event delivered exactly once, each case in order (all phases)",
            $"{integrity.Events} events, {integrity.Cases} cases: {integrity.Lost} lost, {integrity.DuplicateDeliveries} delivered twice, " +
            $"{integrity.Republished} published twice, {integrity.AppliedTwice} applied twice, {integrity.MisorderedCases} cases out of order",
            integrity.Ok);
        s.AppendLine();
        if (integrity.Examples.Count > 0)
        {
            s.AppendLine("Integrity failures (first ones):");
            s.AppendLine();
            foreach (var e in integrity.Examples) s.AppendLine($"- {e}");
            s.AppendLine();
        }
        if (integrity.ForeignMessages > 0)
        {
            s.AppendLine($"({integrity.ForeignMessages} messages published by other Intake instances on the same vhost were delivered too and ignored.)");
            s.AppendLine();
        }

        s.AppendLine("## Floors (at rest, one at a time, same process)");
        s.AppendLine();
        s.AppendLine("| operation | p50 ms | p90 ms | p99 ms | max ms | count |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Row(s, "PostgreSQL single-row commit (fsync)", floors.PostgresCommit);
        Row(s, "RabbitMQ persistent publish to a durable queue + confirm", floors.BrokerConfirm);
        s.AppendLine();

        s.AppendLine($"## Phase A: steady {o.Rate} events/s for {o.Seconds} s");
        s.AppendLine();
        s.AppendLine($"{a.Committed} events ({CaseMix(a.Phase)}) in {a.WindowSeconds:F2} s = {a.AppendRate:F1} events/s, " +
                     $"worst schedule lateness {a.ScheduleLatenessMs:F1} ms. CPU: {a.Cpu.Describe()}.");
        s.AppendLine();
        LagTable(s, a);

        s.AppendLine($"## Phase B: {o.Writers} writers as fast as they go for {o.BurstSeconds} s");
        s.AppendLine();
        s.AppendLine("| figure | value |");
        s.AppendLine("| --- | --- |");
        s.AppendLine($"| raw append rate (the baseline) | {b.AppendRate:F0} events/s ({b.Committed} events, {CaseMix(b.Phase)}, in {b.WindowSeconds:F2} s) |");
        s.AppendLine($"| relay rate: broker-confirmed / (window + confirm drain) | {b.RelayRate:F0} events/s |");
        s.AppendLine($"| **ratio relay / append** | **{b.Ratio:F3}** |");
        s.AppendLine($"| relay drain: last commit → last confirm | {b.RelayDrainMs:F0} ms |");
        s.AppendLine($"| consumer rate (one message at a time, strict case order): delivered / (window + drain) | {b.ConsumerRate:F0} events/s ({b.ConsumerRate / b.AppendRate:F3} of the append rate) |");
        s.AppendLine($"| delivered during the append window | {b.ReceivedInWindowRate:F0} events/s ({b.ReceivedInWindowRate / b.AppendRate:P0} of the append rate) |");
        s.AppendLine($"| consumer drain: last commit → last delivery | {b.DrainMs:F0} ms |");
        s.AppendLine($"| consumer rate while draining (writers stopped) | {b.DrainRate:F0} events/s |");
        s.AppendLine($"| CPU during the window | {b.Cpu.Describe()} |");
        s.AppendLine();
        LagTable(s, b);

        s.AppendLine("Per second of phase B (lag of the events committed in that second):");
        s.AppendLine();
        s.AppendLine("| second | appended | delivered | delivery lag p50 ms | p99 ms | max ms |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (second, appended, delivered, p50, p99, max) in b.Timeline)
            s.AppendLine($"| {second} | {appended} | {delivered} | {Ms(p50)} | {Ms(p99)} | {Ms(max)} |");
        s.AppendLine();
        return s.ToString();
    }

    private static void Target(StringBuilder s, string target, string measured, bool pass) =>
        s.AppendLine($"| {target} | {measured} | {(pass ? "pass" : "**MISS**")} |");

    private static void LagTable(StringBuilder s, PhaseResult r)
    {
        var span = r.WindowSeconds + r.DrainMs / 1000;
        s.AppendLine($"Daemon: {r.HighWaterAdvances} high water mark advances and {r.RelayPages} relay pages in {span:F1} s " +
                     $"({(r.RelayPages > 0 ? r.Committed / (double)r.RelayPages : double.NaN):F1} events per page, " +
                     $"{(r.RelayPages > 0 ? span * 1000 / r.RelayPages : double.NaN):F0} ms per page).");
        s.AppendLine();
        s.AppendLine("| commit → | p50 ms | p90 ms | p99 ms | max ms | count |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Row(s, "daemon's high water mark covers it", r.HighWater);
        Row(s, "relay starts publishing it", r.Publishing);
        Row(s, "broker confirmed the publish", r.Confirmed);
        Row(s, "relay page done (progression stored)", r.PageDone);
        Row(s, "**delivered to the consumer** (relay lag)", r.Received);
        Row(s, "consumer handler starts (after case partition, dedup check)", r.Handled);
        Row(s, "consumer committed (applied)", r.Applied);
        s.AppendLine();
        if (r.Slowest.Length > 0)
        {
            s.AppendLine($"Slowest delivery: {r.Slowest}.");
            s.AppendLine();
        }
    }

    private static void Row(StringBuilder s, string label, Lag lag) =>
        s.AppendLine($"| {label} | {Ms(lag.PercentileMs(50))} | {Ms(lag.PercentileMs(90))} | {Ms(lag.PercentileMs(99))} | {Ms(lag.MaxMs)} | {lag.Count} |");

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("F1");

    private static string CaseMix(Phase phase)
    {
        var events = phase.Events;
        var opened = events.Count(e => e.Version == 1);
        return $"{opened} new cases, {events.Count - opened} closes/reopens";
    }
}
