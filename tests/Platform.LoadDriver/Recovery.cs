using System.Diagnostics;
using HdrHistogram;

namespace Platform.LoadDriver;

/// <summary>A fault the recovery benchmark injects and heals: the fault script's two actions, and what they do.</summary>
public sealed record Fault(string Name, string Inject, string Heal, string What)
{
    public static readonly IReadOnlyList<Fault> Known =
    [
        new("rabbit-restart", "rabbit-stop", "rabbit-start",
            "`rabbitmqctl stop_app`, hold, `start_app`: the RabbitMQ application restarts (connections dropped, queues reloaded); the Erlang node does not"),
        new("pause-communications", "comms-stop", "comms-cont", "SIGSTOP to Communications, hold, SIGCONT"),
        new("memory-alarm", "alarm-on", "alarm-off",
            "`set_vm_memory_high_watermark 0.0000001` (the broker blocks every publisher), hold, back to 0.4"),
        new("restart-communications", "comms-kill", "comms-start",
            "SIGKILL to Communications, hold, start it again; healed when the new process answers `/health/ready`"),
    ];

    public static Fault Named(string name) => Known.FirstOrDefault(f => f.Name == name)
        ?? throw new UsageException($"unknown fault {name} (known: {string.Join(", ", Known.Select(f => f.Name))})");
}

/// <summary>
/// One fault as it happened, on the driver's clock: the baseline window, the injection (the inject action returned),
/// the heal (the heal action returned), the end of the window that follows.
/// </summary>
public sealed record FaultTimes(Fault Fault, long BaselineFrom, long InjectStarted, long Injected, long HealStarted, long Healed, long Until);

/// <summary>Commands accepted in one second after the heal: how many, and their accepted -> webhook p50 and max.</summary>
public sealed record SecondAfterHeal(int Second, int Count, double P50Ms, double MaxMs, int Missing);

public sealed record FaultResult(FaultTimes Times, LongHistogram Baseline, double ThresholdMs, double? RecoveryMs, double? MedianRecoveryMs,
    int OverThresholdAfterHeal, int WebhooksDuringFault, double? FirstWebhookAfterHealStartedMs,
    double? BacklogDrainedMs, int BacklogCommands, int Missing, IReadOnlyDictionary<int, int> StatusesDuringFault,
    IReadOnlyDictionary<int, int> StatusesAfterHeal, LongHistogram DuringFault, IReadOnlyList<SecondAfterHeal> Series)
{
    public Fault Fault => Times.Fault;
    public double HoldMs => Clock.Ms(Times.HealStarted - Times.Injected);
    public double InjectTookMs => Clock.Ms(Times.Injected - Times.InjectStarted);
    public double HealTookMs => Clock.Ms(Times.Healed - Times.HealStarted);
    public double WindowAfterHealMs => Clock.Ms(Times.Until - Times.Healed);
}

public sealed record RecoveryResult(int Rate, IReadOnlyList<FaultResult> Faults, IReadOnlyList<SentCommand> Commands, int Accepted, int Delivered,
    double MaxLatenessMs);

/// <summary>
/// Load at a fixed rate without a break while each fault in turn is injected and healed by the fault script
/// (<c>fault.sh ACTION</c>, written by deploy/bench-webhooks.sh --recovery): baseline, inject, hold, heal, after. Each
/// action's start and return are taken on the driver's clock, the one the receiver stamps webhooks with.
/// </summary>
public static class Recovery
{
    public static async Task<RecoveryResult> RunAsync(HttpClient gateway, IReadOnlyList<Agency> agencies, WebhookLedger ledger, DriverOptions o,
        Action<string> progress, CancellationToken ct)
    {
        using var stopLoad = new CancellationTokenSource();
        var loadTask = Steady.SendOpenLoopAsync(gateway, agencies, o.Rate, int.MaxValue, stopLoad.Token, ct);
        var times = new List<FaultTimes>();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct); // the load settles before the first baseline
            foreach (var fault in o.Faults)
            {
                var baselineFrom = Clock.Now();
                progress($"{fault.Name}: baseline {o.BaselineSeconds} s at {o.Rate}/s");
                await Task.Delay(TimeSpan.FromSeconds(o.BaselineSeconds), ct);
                var injectStarted = Clock.Now();
                long injected = 0, healStarted;
                try
                {
                    await RunActionAsync(o.FaultScript!, fault.Inject, ct);
                    injected = Clock.Now();
                    progress($"{fault.Name}: {fault.Inject} done in {Clock.Ms(injected - injectStarted):F0} ms; holding {o.HoldSeconds} s");
                    await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds), ct);
                }
                finally // heal whatever happened, or the machine stays broken
                {
                    healStarted = Clock.Now();
                    await RunActionAsync(o.FaultScript!, fault.Heal, CancellationToken.None);
                }
                var healed = Clock.Now();
                progress($"{fault.Name}: {fault.Heal} done in {Clock.Ms(healed - healStarted):F0} ms; load continues {o.AfterSeconds} s");
                await Task.Delay(TimeSpan.FromSeconds(o.AfterSeconds), ct);
                times.Add(new FaultTimes(fault, baselineFrom, injectStarted, injected, healStarted, healed, Clock.Now()));
            }
        }
        finally
        {
            await stopLoad.CancelAsync();
        }
        var load = await loadTask;
        var accepted = load.Commands.Where(c => c.IsAccepted).ToList();
        progress($"load stopped: {load.Commands.Count} sent, {accepted.Count} accepted; waiting up to {o.DrainSeconds} s for the last webhooks");
        await Steady.DrainAsync(accepted, ledger, TimeSpan.FromSeconds(o.DrainSeconds), ct);

        var results = times.Select(t => Analyse(t, load.Commands, ledger)).ToList();
        var delivered = accepted.Count(c => ledger.TryGet(c.CaseId, c.Version!.Value, out _));
        return new RecoveryResult(o.Rate, results, load.Commands, accepted.Count, delivered, load.MaxLatenessMs);
    }

    /// <summary>Normal latency: twice the baseline p99, and at least 100 ms above it.</summary>
    public static double Threshold(double baselineP99Ms) => Math.Max(2 * baselineP99Ms, baselineP99Ms + 100);

    private static FaultResult Analyse(FaultTimes t, IReadOnlyList<SentCommand> commands, WebhookLedger ledger)
    {
        // Each command in this fault's window, by when it was accepted (or failed), with its webhook's latency (null: missing).
        var window = commands.Where(c => c.Accepted >= t.BaselineFrom && c.Accepted < t.Until)
            .Select(c => (Command: c, Latency: c.IsAccepted && ledger.TryGet(c.CaseId, c.Version!.Value, out var at) ? at - c.Accepted : (long?)null))
            .OrderBy(x => x.Command.Accepted).ToList();
        var accepted = window.Where(x => x.Command.IsAccepted).ToList();

        var baseline = Histograms.New();
        foreach (var x in accepted.Where(x => x.Command.Accepted < t.InjectStarted && x.Latency is not null)) baseline.Record(x.Latency!.Value);
        var threshold = Threshold(baseline.Ms(99));
        var thresholdTicks = Clock.Ticks(threshold / 1000);

        // Recovery: the commands accepted after the last one over the threshold (or never delivered) all came in time.
        var after = accepted.Where(x => x.Command.Accepted >= t.Healed).ToList();
        var bad = after.Where(x => x.Latency is not { } l || l > thresholdTicks).ToList();
        double? recovery = bad.Count == 0 ? 0 : bad[^1].Command.Accepted >= after[^1].Command.Accepted ? null : Clock.Ms(bad[^1].Command.Accepted - t.Healed);

        // Backlog: commands accepted before the heal whose webhook had not come by then.
        var backlog = accepted.Where(x => x.Command.Accepted < t.Healed && (x.Latency is null || x.Command.Accepted + x.Latency > t.Healed)).ToList();
        double? drained = backlog.Count == 0 ? 0 : backlog.Any(x => x.Latency is null) ? null
            : Clock.Ms(backlog.Max(x => x.Command.Accepted + x.Latency!.Value) - t.Healed);

        var during = Histograms.New();
        foreach (var x in accepted.Where(x => x.Command.Accepted >= t.InjectStarted && x.Command.Accepted < t.Healed && x.Latency is not null))
            during.Record(x.Latency!.Value);

        // Deliveries while the fault held, and the first one after the heal action began (before its end: it came back early).
        var arrivals = ledger.Arrivals;
        var duringCount = arrivals.Count(a => a >= t.Injected && a < t.HealStarted);
        var firstAfter = arrivals.Where(a => a >= t.HealStarted).DefaultIfEmpty(long.MaxValue).Min();

        var series = after.GroupBy(x => (int)(Clock.Ms(x.Command.Accepted - t.Healed) / 1000)).OrderBy(g => g.Key).Select(g =>
        {
            var h = Histograms.New();
            foreach (var x in g.Where(x => x.Latency is not null)) h.Record(x.Latency!.Value);
            return new SecondAfterHeal(g.Key, g.Count(), h.Ms(50), h.MaxMs(), g.Count(x => x.Latency is null));
        }).ToList();

        // The same, per second and robust to a busy machine's odd late command: from heal + r on, every second's median is normal.
        var lastBadSecond = series.LastOrDefault(x => !(x.P50Ms <= threshold));
        double? medianRecovery = lastBadSecond is null ? 0 : lastBadSecond == series[^1] ? null : 1000.0 * (lastBadSecond.Second + 1);

        return new FaultResult(t, baseline, threshold, recovery, medianRecovery, bad.Count, duringCount,
            firstAfter == long.MaxValue ? null : Clock.Ms(firstAfter - t.HealStarted), drained, backlog.Count, accepted.Count(x => x.Latency is null),
            Statuses(window.Where(x => x.Command.Accepted >= t.InjectStarted && x.Command.Accepted < t.Healed).Select(x => x.Command)),
            Statuses(window.Where(x => x.Command.Accepted >= t.Healed).Select(x => x.Command)), during, series);
    }

    private static Dictionary<int, int> Statuses(IEnumerable<SentCommand> commands) =>
        commands.GroupBy(c => (int)c.Status).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Runs <c>bash SCRIPT ACTION</c> and waits for it; its output goes to the driver's stderr.</summary>
    private static async Task RunActionAsync(string script, string action, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { script, action }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
        await process.WaitForExitAsync(ct);
        var text = string.Concat(await output).Trim();
        if (text.Length > 0) Console.Error.WriteLine(text);
        if (process.ExitCode != 0) throw new InvalidOperationException($"fault action {action} failed (exit {process.ExitCode})");
    }
}
