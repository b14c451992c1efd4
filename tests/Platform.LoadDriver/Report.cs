using System.Text;

namespace Platform.LoadDriver;

public sealed record MachineInfo(string Host, int Cores, string Cpu, string Load, string Kernel, string Runtime)
{
    public static MachineInfo Read()
    {
        static string First(string file, string prefix) =>
            File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        return new MachineInfo(Environment.MachineName, Environment.ProcessorCount, First("/proc/cpuinfo", "model name"),
            File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?",
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?",
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}

public static class Report
{
    public const double P50TargetMs = 50, P99TargetMs = 250, RatioTarget = 0.7, RssTargetMb = 300;

    private static string Verdict(bool ok) => ok ? "PASS" : "MISS";

    public static string Render(DriverOptions o, MachineInfo m, AppendResult? append, SteadyResult s, WindowUsage steadyUsage,
        IReadOnlyList<CompareResult> comparisons, IReadOnlyList<WindowUsage> windows, WebhookReceiver receiver, long badBefore)
    {
        var r = new StringBuilder();
        r.AppendLine($"# Webhook benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        r.AppendLine($"Machine: {m.Host}, {m.Cores} cores ({m.Cpu}), Linux {m.Kernel}, {m.Runtime}; load average at start {m.Load}.");
        r.AppendLine($"Load: {o.Agencies} agencies, each subscribed (all event types) to its own path of one local receiver and leading " +
                     $"{o.CasesPerAgency} cases; needs assessments (`POST /api/intake/cases/{{id}}/assessments`, If-Match, Idempotency-Key) " +
                     $"through the gateway {o.Gateway} at {o.Rate}/s for {o.Seconds} s, open loop (each command due at start + i/rate), " +
                     $"round-robin over agencies and cases, after {o.WarmupSeconds} s of warm-up. Every delivery's Standard Webhooks signature " +
                     "is verified; a command's webhook is the `platform.intake.needs-assessed` CloudEvent with its case id (`partitionkey`) " +
                     "and the version its 204 answered (`data.caseVersion`).");
        foreach (var note in o.Notes) r.AppendLine($"- {note}");
        r.AppendLine();

        var bad = receiver.BadSignatures - badBefore;
        var rss = steadyUsage.Services.Where(u => u.Service != "load driver").ToList();
        r.AppendLine("## Targets").AppendLine();
        r.AppendLine("| target | measured | verdict |").AppendLine("|---|---|---|");
        r.AppendLine($"| accepted at the gateway -> signed webhook received, p50 <= {P50TargetMs} ms | {s.AcceptedToWebhook.Ms(50):F1} ms | {Verdict(s.AcceptedToWebhook.Ms(50) <= P50TargetMs && s.Missing == 0)} |");
        r.AppendLine($"| ... p99 <= {P99TargetMs} ms | {s.AcceptedToWebhook.Ms(99):F1} ms | {Verdict(s.AcceptedToWebhook.Ms(99) <= P99TargetMs && s.Missing == 0)} |");
        var sustained = s.Accepted == s.Commands.Count && s.Missing == 0 && s.WebhookRate >= 0.95 * s.Rate;
        r.AppendLine($"| {s.Rate} commands/s sustained, every webhook delivered | {s.CommandRate:F1} commands/s accepted, {s.WebhookRate:F1} webhooks/s, {s.Missing} missing | {Verdict(sustained)} |");
        foreach (var c in comparisons)
            r.AppendLine($"| gateway throughput >= {RatioTarget} x direct ({c.Mix}s) | {c.Gateway:F0} / {c.Direct:F0} requests/s = {c.Ratio:F2} | {Verdict(c.Ratio >= RatioTarget && c.Errors == 0)} |");
        foreach (var u in rss)
            r.AppendLine($"| {u.Service} resident memory <= {RssTargetMb} MB under the steady load | max {u.MaxRssMb:F0} MB | {Verdict(u.MaxRssMb <= RssTargetMb)} |");
        r.AppendLine($"| every delivery correctly signed | {bad} bad of {s.Delivered} matched | {Verdict(bad == 0)} |");
        r.AppendLine();

        r.AppendLine("## Steady phase").AppendLine();
        r.AppendLine("| latency (ms) | p50 | p95 | p99 | max | n |").AppendLine("|---|---|---|---|---|---|");
        Row(r, "command accepted -> webhook received", s.AcceptedToWebhook);
        Row(r, "command due -> accepted (gateway round trip + queueing)", s.DueToAccepted);
        Row(r, "command due -> webhook received", s.DueToWebhook);
        r.AppendLine();
        r.AppendLine($"Commands: {s.Commands.Count} due, responses {string.Join(", ", s.Statuses.OrderBy(k => k.Key).Select(k => $"{(k.Key == 0 ? "no response" : k.Key.ToString())}: {k.Value}"))}; " +
                     $"{s.Accepted / s.Seconds:F1}/s accepted over the {s.Seconds} s schedule ({s.CommandRate:F1}/s up to the last response); " +
                     $"webhooks matched {s.Delivered} ({s.WebhookRate:F1}/s up to the last), missing {s.Missing}, " +
                     $"{s.WebhookBeforeResponse} arrived before the command's own response; worst send lateness {s.MaxLatenessMs:F1} ms. " +
                     $"Receiver over the whole run: {receiver.Received} deliveries, {receiver.BadSignatures} bad signatures, " +
                     $"{receiver.Duplicates} duplicates, {receiver.Unparsable} unparsable.");
        r.AppendLine();

        if (comparisons.Count > 0)
        {
            r.AppendLine($"## Gateway vs direct ({o.Concurrency} in flight, closed loop, legs direct/gateway/gateway/direct, {o.CompareSeconds} s per target)").AppendLine();
            r.AppendLine("| mix | direct req/s | gateway req/s | ratio | direct p50 / p99 ms | gateway p50 / p99 ms | errors |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var c in comparisons)
            {
                var d = c.LatencyOf("direct");
                var g = c.LatencyOf("gateway");
                r.AppendLine($"| {(c.Mix == "read" ? "`GET /api/intake/cases/{id}`" : "`POST …/assessments`")} | {c.Direct:F0} | {c.Gateway:F0} | {c.Ratio:F2} | " +
                             $"{d.Ms(50):F1} / {d.Ms(99):F1} | {g.Ms(50):F1} / {g.Ms(99):F1} | {c.Errors} |");
            }
            r.AppendLine();
        }

        if (append is not null)
        {
            r.AppendLine("## Raw Marten append (same machine, same run, before the load)").AppendLine();
            r.AppendLine($"{append.Writers} writers, one event per commit to a new stream, {append.Seconds:F1} s: **{append.Rate:F0} events/s**; " +
                         $"commit p50 {append.Commit.Ms(50):F1} ms, p99 {append.Commit.Ms(99):F1} ms. " +
                         $"The steady phase committed {s.Rate} commands/s, i.e. {100.0 * s.Rate / append.Rate:F0} % of that rate in Intake alone, " +
                         "before Communications' own writes (ledger entry, subscription cursors, delivery attempts, disclosures).");
            r.AppendLine();
        }

        r.AppendLine("## Resources per phase (max resident memory, CPU: 100 % = one core; machine: 100 % = all cores)").AppendLine();
        var names = windows.SelectMany(w => w.Services.Select(u => u.Service)).Distinct().ToList();
        r.AppendLine($"| phase | s | machine CPU | {string.Join(" | ", names.Select(n => $"{n} MB / CPU"))} |");
        r.AppendLine($"|---|---|---|{string.Concat(names.Select(_ => "---|"))}");
        foreach (var w in windows)
            r.AppendLine($"| {w.Window} | {w.Seconds:F0} | {w.MachineCpuPercent:F0} % | " +
                         string.Join(" | ", names.Select(n => w.Services.FirstOrDefault(u => u.Service == n) is { } u ? $"{u.MaxRssMb:F0} / {u.CpuPercent:F0} %" : "-")) + " |");
        r.AppendLine();
        return r.ToString();
    }

    public const double RecoveryTargetMs = 5000;

    private static string Seconds(double? ms, string otherwise) => ms is { } v ? $"{v / 1000:F2} s" : otherwise;

    private static string StatusList(IReadOnlyDictionary<int, int> statuses) => statuses.Count == 0 ? "none"
        : string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => $"{(k.Key == 0 ? "no response" : k.Key.ToString())}: {k.Value}"));

    private static string Recovered(FaultResult f) => Seconds(f.RecoveryMs, $"not within the {f.WindowAfterHealMs / 1000:F0} s after the heal");

    private static string Drained(FaultResult f) => Seconds(f.BacklogDrainedMs, "never (webhooks missing)") + $" ({f.BacklogCommands} commands)";

    /// <summary>One line per fault for stderr.</summary>
    public static string Summary(FaultResult f) =>
        $"{f.Fault.Name}: baseline p50 {f.Baseline.Ms(50):F1} ms p99 {f.Baseline.Ms(99):F1} ms, normal <= {f.ThresholdMs:F0} ms; " +
        $"recovery {Recovered(f)} (per-second median {Seconds(f.MedianRecoveryMs, "not within the window")}); backlog drained {Drained(f)} after the heal; missing {f.Missing}; " +
        $"responses during the fault {StatusList(f.StatusesDuringFault)}; heal took {f.HealTookMs / 1000:F2} s";

    public static string RenderRecovery(DriverOptions o, MachineInfo m, SteadyResult? warmup, RecoveryResult result, WebhookReceiver receiver)
    {
        var r = new StringBuilder();
        r.AppendLine($"# Recovery benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        r.AppendLine($"Machine: {m.Host}, {m.Cores} cores ({m.Cpu}), Linux {m.Kernel}, {m.Runtime}; load average at start {m.Load}.");
        r.AppendLine($"Load: {o.Agencies} agencies, each subscribed to its own path of one local receiver and leading {o.CasesPerAgency} cases; " +
                     $"needs assessments through the gateway {o.Gateway} at {o.Rate}/s, open loop, without a break from the first fault's " +
                     $"baseline to the last one's end, after {o.WarmupSeconds} s of warm-up" +
                     (warmup is null ? "." : $" (accepted -> webhook p50 {warmup.AcceptedToWebhook.Ms(50):F1} ms, p99 {warmup.AcceptedToWebhook.Ms(99):F1} ms)."));
        r.AppendLine($"Each fault in turn: {o.BaselineSeconds} s of baseline, inject, hold {o.HoldSeconds} s, heal, {o.AfterSeconds} s more. " +
                     "The driver runs each action itself (`fault.sh ACTION`) and takes its times on the clock the receiver stamps webhooks with; " +
                     "the heal is when the heal action returned.");
        foreach (var note in o.Notes) r.AppendLine($"- {note}");
        r.AppendLine();

        r.AppendLine($"## Recovery after each fault (target: normal latency within {RecoveryTargetMs / 1000:F0} s of the heal)").AppendLine();
        r.AppendLine("| fault | baseline p50 / p99 ms | normal <= ms | recovery | per-second median normal after | backlog drained | missing | responses during the fault | verdict |");
        r.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var f in result.Faults)
            r.AppendLine($"| {f.Fault.Name} | {f.Baseline.Ms(50):F1} / {f.Baseline.Ms(99):F1} | {f.ThresholdMs:F0} | **{Recovered(f)}** | " +
                         $"{Seconds(f.MedianRecoveryMs, "not within the window")} | {Drained(f)} | " +
                         $"{f.Missing} | {StatusList(f.StatusesDuringFault)} | {Verdict(f.RecoveryMs <= RecoveryTargetMs && f.Missing == 0)} |");
        r.AppendLine();
        r.AppendLine("- **baseline**: accepted -> webhook of the commands accepted in the window before the injection.");
        r.AppendLine("- **normal**: max(2 x baseline p99, baseline p99 + 100 ms).");
        r.AppendLine("- **recovery**: the smallest r such that every command accepted at or after heal + r got its webhook within normal " +
                     "(a command never delivered counts as late).");
        r.AppendLine("- **per-second median normal after**: the same by whole seconds on the per-second medians below: less sensitive to " +
                     "one late command on a busy machine, and a lower bound of the recovery.");
        r.AppendLine("- **backlog drained**: heal -> arrival of the last webhook of a command accepted before the heal (in brackets: how many " +
                     "such commands still waited at the heal).");
        r.AppendLine($"- **missing**: accepted in the fault's window, no webhook within the {o.DrainSeconds} s drain after the load.");
        r.AppendLine();

        r.AppendLine("## Timeline (driver's clock)").AppendLine();
        r.AppendLine("| fault | what was done | inject took | held | heal took | webhooks while held | first webhook after the heal began | " +
                     "commands during the fault: n, p50 / max accepted -> webhook | over normal after the heal | responses after the heal |");
        r.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var f in result.Faults)
            r.AppendLine($"| {f.Fault.Name} | {f.Fault.What} | {f.InjectTookMs / 1000:F2} s | {f.HoldMs / 1000:F2} s | {f.HealTookMs / 1000:F2} s | " +
                         $"{f.WebhooksDuringFault} | {Seconds(f.FirstWebhookAfterHealStartedMs, "none")} | " +
                         $"{f.DuringFault.TotalCount}, {f.DuringFault.Ms(50):F0} / {f.DuringFault.MaxMs():F0} ms | {f.OverThresholdAfterHeal} | {StatusList(f.StatusesAfterHeal)} |");
        r.AppendLine();

        r.AppendLine("## Per second after the heal (commands accepted in second k after the heal: count, accepted -> webhook p50 and max, ms)").AppendLine();
        foreach (var f in result.Faults)
        {
            r.AppendLine($"**{f.Fault.Name}** (normal <= {f.ThresholdMs:F0} ms)").AppendLine();
            r.AppendLine($"| k | {string.Join(" | ", f.Series.Select(x => x.Second))} |");
            r.AppendLine($"|---|{string.Concat(f.Series.Select(_ => "---|"))}");
            r.AppendLine($"| n | {string.Join(" | ", f.Series.Select(x => x.Missing > 0 ? $"{x.Count} ({x.Missing} missing)" : $"{x.Count}"))} |");
            r.AppendLine($"| p50 | {string.Join(" | ", f.Series.Select(x => $"{x.P50Ms:F0}"))} |");
            r.AppendLine($"| max | {string.Join(" | ", f.Series.Select(x => x.MaxMs > f.ThresholdMs ? $"**{x.MaxMs:F0}**" : $"{x.MaxMs:F0}"))} |");
            r.AppendLine();
        }

        var statuses = result.Commands.GroupBy(c => (int)c.Status).ToDictionary(g => g.Key, g => g.Count());
        r.AppendLine($"Commands: {result.Commands.Count} sent, responses {StatusList(statuses)}; {result.Accepted} accepted, {result.Delivered} webhooks " +
                     $"matched, {result.Accepted - result.Delivered} missing; worst send lateness {result.MaxLatenessMs:F1} ms. " +
                     $"Receiver over the whole run: {receiver.Received} deliveries, {receiver.BadSignatures} bad signatures, " +
                     $"{receiver.Duplicates} duplicates (redeliveries), {receiver.Unparsable} unparsable.");
        r.AppendLine();
        return r.ToString();
    }

    private static void Row(StringBuilder r, string name, HdrHistogram.HistogramBase h) =>
        r.AppendLine($"| {name} | {h.Ms(50):F1} | {h.Ms(95):F1} | {h.Ms(99):F1} | {h.MaxMs():F1} | {h.TotalCount} |");
}
