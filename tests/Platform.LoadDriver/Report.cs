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

    private static void Row(StringBuilder r, string name, HdrHistogram.HistogramBase h) =>
        r.AppendLine($"| {name} | {h.Ms(50):F1} | {h.Ms(95):F1} | {h.Ms(99):F1} | {h.MaxMs():F1} | {h.TotalCount} |");
}
