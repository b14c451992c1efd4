using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HdrHistogram;

namespace Platform.LoadDriver;

public static class Clock
{
    public static long Now() => Stopwatch.GetTimestamp();
    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    public static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}

/// <summary>Histograms in microseconds, reported in milliseconds.</summary>
public static class Histograms
{
    public static LongHistogram New() => new(3_600_000_000, 3);

    public static void Record(this LongHistogram h, long ticks) => h.RecordValue(Math.Clamp(Clock.Micros(ticks), 0, 3_600_000_000));

    public static double Ms(this HistogramBase h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;

    public static double MaxMs(this HistogramBase h) => h.TotalCount == 0 ? double.NaN : h.GetMaxValue() / 1000.0;
}

/// <summary>
/// Every needs-assessed webhook the receiver verified, by (case, version): the first receipt time, and which agency
/// got it. Commands look their webhook up here by the version their 204 answered.
/// </summary>
public sealed class WebhookLedger
{
    private readonly ConcurrentDictionary<(Guid Case, long Version), long> _first = new();
    private readonly ConcurrentDictionary<Guid, bool> _openedCases = new();
    public const string NeedsAssessed = "platform.intake.needs-assessed";
    public const string CaseOpened = "platform.intake.case-opened";

    private readonly ConcurrentQueue<long> _arrivals = new();

    public void On(Delivery d)
    {
        if (d.Type == NeedsAssessed)
        {
            _first.TryAdd((d.CaseId, d.CaseVersion), d.ReceivedAt);
            _arrivals.Enqueue(d.ReceivedAt);
        }
        else if (d.Type == CaseOpened) _openedCases.TryAdd(d.CaseId, true);
    }

    public bool TryGet(Guid caseId, long version, out long receivedAt) => _first.TryGetValue((caseId, version), out receivedAt);

    public int OpenedCases => _openedCases.Count;

    /// <summary>When each needs-assessed delivery arrived, redeliveries included, in arrival order.</summary>
    public IReadOnlyList<long> Arrivals => _arrivals.ToArray();
}

/// <summary>One command of the steady phase: when it was due, when its 204 came back, which version it made.</summary>
public sealed record SentCommand(long Due, long Started, long Accepted, HttpStatusCode Status, Guid CaseId, long? Version)
{
    /// <summary>A 204 with the version it made (<see cref="Accepted"/> is then when it was accepted; otherwise when it failed).</summary>
    public bool IsAccepted => Status == HttpStatusCode.NoContent && Version is not null;
}

public sealed class SteadyResult
{
    public required string Name { get; init; }
    public required int Rate { get; init; }
    public required double Seconds { get; init; }
    public required IReadOnlyList<SentCommand> Commands { get; init; }
    public required double MaxLatenessMs { get; init; }
    public LongHistogram AcceptedToWebhook { get; } = Histograms.New();
    public LongHistogram DueToAccepted { get; } = Histograms.New();
    public LongHistogram DueToWebhook { get; } = Histograms.New();
    public int Accepted { get; set; }
    public int Delivered { get; set; }
    public int WebhookBeforeResponse { get; set; }
    public double CommandRate { get; set; }
    public double WebhookRate { get; set; }
    public Dictionary<int, int> Statuses { get; } = [];
    public int Missing => Accepted - Delivered;
}

/// <summary>What an open-loop run sent: every command with its response, the schedule's start, the worst send lateness.</summary>
public sealed record OpenLoop(IReadOnlyList<SentCommand> Commands, long Start, double MaxLatenessMs);

/// <summary>
/// Open loop: command i is due at start + i/rate whatever happened to the ones before it, so the latency includes any
/// queueing. Commands go round-robin over the agencies and, within one, over its cases (one in flight per case).
/// </summary>
public static class Steady
{
    public static async Task<SteadyResult> RunAsync(string name, HttpClient gateway, IReadOnlyList<Agency> agencies, WebhookLedger ledger,
        int rate, int seconds, TimeSpan drain, Action<string> progress, CancellationToken ct)
    {
        var count = rate * seconds;
        var load = await SendOpenLoopAsync(gateway, agencies, rate, count, CancellationToken.None, ct);
        var (sent, start, maxLate) = (load.Commands, load.Start, load.MaxLatenessMs);
        var result = new SteadyResult { Name = name, Rate = rate, Seconds = seconds, Commands = sent, MaxLatenessMs = maxLate };
        foreach (var c in sent) result.Statuses[(int)c.Status] = result.Statuses.GetValueOrDefault((int)c.Status) + 1;
        var accepted = sent.Where(c => c.IsAccepted).ToList();
        result.Accepted = accepted.Count;
        await DrainAsync(accepted, ledger, drain, ct);

        long lastAccepted = 0, lastWebhook = 0;
        foreach (var c in accepted)
        {
            result.DueToAccepted.Record(c.Accepted - c.Due);
            lastAccepted = Math.Max(lastAccepted, c.Accepted);
            if (!ledger.TryGet(c.CaseId, c.Version!.Value, out var at)) continue;
            result.Delivered++;
            if (at < c.Accepted) result.WebhookBeforeResponse++;
            result.AcceptedToWebhook.Record(at - c.Accepted);
            result.DueToWebhook.Record(at - c.Due);
            lastWebhook = Math.Max(lastWebhook, at);
        }
        result.CommandRate = result.Accepted / Math.Max(Clock.Ms(lastAccepted - start) / 1000, seconds - 1.0 / rate);
        result.WebhookRate = result.Delivered / Math.Max(Clock.Ms(lastWebhook - start) / 1000, seconds - 1.0 / rate);
        progress($"{name}: {result.Accepted}/{count} accepted, {result.Delivered} webhooks matched; accepted -> webhook p50 " +
                 $"{result.AcceptedToWebhook.Ms(50):F1} ms p99 {result.AcceptedToWebhook.Ms(99):F1} ms");
        return result;
    }

    /// <summary>The last webhooks: waits until every accepted command's has come, or the drain time is up.</summary>
    public static async Task DrainAsync(IReadOnlyList<SentCommand> accepted, WebhookLedger ledger, TimeSpan drain, CancellationToken ct)
    {
        var deadline = Clock.Now() + Clock.Ticks(drain.TotalSeconds);
        while (accepted.Any(c => !ledger.TryGet(c.CaseId, c.Version!.Value, out _)) && Clock.Now() < deadline)
            await Task.Delay(100, ct);
    }

    /// <summary>Commands at a fixed rate until <paramref name="count"/> were sent or <paramref name="until"/> fires; then waits for every response.</summary>
    public static async Task<OpenLoop> SendOpenLoopAsync(HttpClient gateway, IReadOnlyList<Agency> agencies, int rate, int count,
        CancellationToken until, CancellationToken ct)
    {
        var period = Stopwatch.Frequency / (double)rate;
        var tasks = new List<Task<SentCommand>>();
        var start = Clock.Now() + Clock.Ticks(0.05);
        long maxLate = 0;
        for (var i = 0; i < count && !until.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * period);
            var wait = due - Clock.Now();
            if (wait > Clock.Ticks(0.002)) await Task.Delay(TimeSpan.FromMilliseconds(Clock.Ms(wait) - 1), ct);
            while (Clock.Now() < due) Thread.SpinWait(50);
            maxLate = Math.Max(maxLate, Clock.Now() - due);
            var agency = agencies[i % agencies.Count];
            var c = agency.Cases[i / agencies.Count % agency.Cases.Count];
            var index = i;
            tasks.Add(Task.Run(() => SendAsync(gateway, c, index, due, ct), ct));
        }
        return new OpenLoop(await Task.WhenAll(tasks), start, Clock.Ms(maxLate));
    }

    private static async Task<SentCommand> SendAsync(HttpClient gateway, BenchCase c, int seed, long due, CancellationToken ct)
    {
        await c.Gate.WaitAsync(ct);
        try
        {
            var started = Clock.Now();
            try
            {
                var (status, version) = await PlatformClient.AssessAsync(gateway, c, seed, ct);
                var at = Clock.Now();
                if (status == HttpStatusCode.NoContent && version is { } v) c.Version = v;
                return new SentCommand(due, started, at, status, c.Id, status == HttpStatusCode.NoContent ? version : null);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return new SentCommand(due, started, Clock.Now(), 0, c.Id, null);
            }
        }
        finally
        {
            c.Gate.Release();
        }
    }
}
