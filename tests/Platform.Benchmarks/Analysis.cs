using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Platform.Benchmarks;

/// <summary>A lag distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes).</summary>
public sealed class Lag
{
    private const long Highest = 600_000_000L;
    private readonly LongHistogram _histogram = new(Highest, 3);

    /// <summary>Samples where the later point came first (clock order of two threads); recorded as 0.</summary>
    public int Negative { get; private set; }

    public long Count => _histogram.TotalCount;

    public void Add(long fromTicks, long toTicks)
    {
        var micros = Recorder.Micros(toTicks - fromTicks);
        if (micros < 0)
        {
            Negative++;
            micros = 0;
        }
        _histogram.RecordValue(Math.Min(micros, Highest));
    }

    public double PercentileMs(double p) => Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(p) / 1000.0;

    public double MaxMs => Count == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0;
}

/// <summary>What one phase measured.</summary>
public sealed class PhaseResult
{
    public required Phase Phase { get; init; }
    public int Committed { get; init; }
    public double WindowSeconds { get; init; }
    public double AppendRate { get; init; }
    public double ReceivedInWindowRate { get; init; }
    /// <summary>The relay's own pace: events confirmed by the broker / (window + confirm drain). Its job ends at the confirm.</summary>
    public double RelayRate { get; init; }
    public double Ratio => AppendRate > 0 ? RelayRate / AppendRate : double.NaN;

    /// <summary>Last commit → last broker confirm.</summary>
    public double RelayDrainMs { get; init; }

    /// <summary>The downstream consumer's pace: events delivered / (window + delivery drain).</summary>
    public double ConsumerRate { get; init; }

    /// <summary>Last commit → last delivery to the consumer.</summary>
    public double DrainMs { get; init; }

    /// <summary>The event with the longest commit → delivery lag: its position in commit order, lag, and what followed it.</summary>
    public string Slowest { get; init; } = "";

    /// <summary>Events delivered per second after the last commit: the relay's pace once the writers no longer compete for the CPU.</summary>
    public double DrainRate { get; init; }
    public required CpuSample Cpu { get; init; }
    public int HighWaterAdvances { get; init; }
    public int RelayPages { get; init; }
    public double ScheduleLatenessMs { get; init; }
    public required Lag HighWater { get; init; }
    public required Lag PageDone { get; init; }
    public required Lag Publishing { get; init; }
    public required Lag Confirmed { get; init; }
    public required Lag Received { get; init; }
    public required Lag Handled { get; init; }
    public required Lag Applied { get; init; }
    public int NotReceived { get; init; }
    public int NotApplied { get; init; }
    public int DuplicateDeliveries { get; init; }
    public int Republished { get; init; }
    public int AppliedTwice { get; init; }
    public List<(int Second, int Appended, int Received, double P50Ms, double P99Ms, double MaxMs)> Timeline { get; init; } = [];

    public static PhaseResult Of(Phase phase, Recorder r, CpuSample cpu, double scheduleLatenessMs = 0)
    {
        var events = phase.Events;
        Lag highWater = new(), publishing = new(), confirmed = new(), pageDone = new(), received = new(), handled = new(), applied = new();
        long lastReceived = phase.LastCommit, lastConfirmed = phase.LastCommit;
        int confirmedCount = 0;
        int afterWindow = 0;
        int inWindow = 0, notReceived = 0, notApplied = 0, duplicates = 0, republished = 0, appliedTwice = 0;
        foreach (var e in events)
        {
            if (Recorder.Reached(r.HighWater, e.Sequence) is { } hw) highWater.Add(e.At, hw);
            if (Recorder.Reached(r.RelayProgress, e.Sequence) is { } done) pageDone.Add(e.At, done);
            if (r.Published.TryGetValue(e.EventId, out var p)) publishing.Add(e.At, p);
            if (r.Confirmed.TryGetValue(e.EventId, out var c))
            {
                confirmed.Add(e.At, c);
                lastConfirmed = Math.Max(lastConfirmed, c);
                confirmedCount++;
            }
            if (r.Received.TryGetValue(e.EventId, out var rc))
            {
                received.Add(e.At, rc);
                lastReceived = Math.Max(lastReceived, rc);
                if (rc <= phase.LastCommit) inWindow++; else afterWindow++;
            }
            else notReceived++;
            if (r.Handled.TryGetValue(e.EventId, out var h)) handled.Add(e.At, h);
            if (r.Applied.TryGetValue(e.EventId, out var a)) applied.Add(e.At, a);
            else notApplied++;
            if (r.Deliveries.GetValueOrDefault(e.EventId) > 1) duplicates++;
            if (r.PublishCount.GetValueOrDefault(e.EventId) > 1) republished++;
            if (r.ApplyCount.GetValueOrDefault(e.EventId) > 1) appliedTwice++;
        }

        var ordered = events.OrderBy(e => e.At).ToList();
        var slowest = "";
        var worst = ordered.Select((e, i) => (e, i, lag: r.Received.TryGetValue(e.EventId, out var t) ? t - e.At : long.MinValue))
            .MaxBy(x => x.lag);
        if (worst.lag != long.MinValue && ordered.Count > 0)
        {
            var next = worst.i + 1 < ordered.Count ? Recorder.Ms(ordered[worst.i + 1].At - worst.e.At) : double.NaN;
            var hw = Recorder.Reached(r.HighWater, worst.e.Sequence) is { } h ? Recorder.Ms(h - worst.e.At) : double.NaN;
            slowest = $"event {worst.i + 1} of {ordered.Count} in commit order, delivered after {Recorder.Ms(worst.lag):F1} ms " +
                      $"(high water mark after {hw:F1} ms; next commit {(double.IsNaN(next) ? "none, it was the last" : $"{next:F1} ms later")})";
        }
        var window = Math.Max(phase.LastCommit - phase.Start, 1) / (double)Stopwatch.Frequency;
        var end = Math.Max(lastReceived, phase.LastCommit);
        int Between(List<(long At, long Sequence)> list) { lock (list) return list.Count(x => x.At >= phase.Start && x.At <= end); }
        var hwUpdates = Between(r.HighWater);
        var pages = Between(r.RelayProgress);
        var consumerWindow = Math.Max(lastReceived - phase.Start, 1) / (double)Stopwatch.Frequency;
        var relayWindow = Math.Max(lastConfirmed - phase.Start, 1) / (double)Stopwatch.Frequency;
        return new PhaseResult
        {
            Phase = phase,
            Committed = events.Count,
            WindowSeconds = window,
            AppendRate = events.Count / window,
            ReceivedInWindowRate = inWindow / window,
            RelayRate = confirmedCount / relayWindow,
            RelayDrainMs = Recorder.Ms(lastConfirmed - phase.LastCommit),
            ConsumerRate = (events.Count - notReceived) / consumerWindow,
            DrainMs = Recorder.Ms(lastReceived - phase.LastCommit),
            Slowest = slowest,
            DrainRate = lastReceived > phase.LastCommit ? afterWindow / (Recorder.Ms(lastReceived - phase.LastCommit) / 1000) : double.NaN,
            Cpu = cpu,
            HighWaterAdvances = hwUpdates,
            RelayPages = pages,
            ScheduleLatenessMs = scheduleLatenessMs,
            HighWater = highWater,
            PageDone = pageDone,
            Publishing = publishing,
            Confirmed = confirmed,
            Received = received,
            Handled = handled,
            Applied = applied,
            NotReceived = notReceived,
            NotApplied = notApplied,
            DuplicateDeliveries = duplicates,
            Republished = republished,
            AppliedTwice = appliedTwice,
            Timeline = TimelineOf(phase, events, r),
        };
    }

    /// <summary>Per second of the phase: events committed, events delivered, and the delivery lag of that second's commits.</summary>
    private static List<(int, int, int, double, double, double)> TimelineOf(Phase phase, IReadOnlyList<Committed> events, Recorder r)
    {
        int SecondOf(long t) => (int)((t - phase.Start) / Stopwatch.Frequency);
        var seconds = events.Count == 0 ? 0 : SecondOf(phase.LastCommit) + 1;
        var deliveredSeconds = events.Select(e => r.Received.TryGetValue(e.EventId, out var t) ? SecondOf(t) : -1).ToList();
        seconds = Math.Max(seconds, deliveredSeconds.DefaultIfEmpty(0).Max() + 1);
        var rows = new List<(int, int, int, double, double, double)>();
        for (var s = 0; s < seconds; s++)
        {
            var lag = new Lag();
            var appended = 0;
            foreach (var e in events)
            {
                if (SecondOf(e.At) != s) continue;
                appended++;
                if (r.Received.TryGetValue(e.EventId, out var t)) lag.Add(e.At, t);
            }
            rows.Add((s, appended, deliveredSeconds.Count(d => d == s), lag.PercentileMs(50), lag.PercentileMs(99), lag.MaxMs));
        }
        return rows;
    }
}

/// <summary>
/// CPU use over an interval, in cores: the whole machine (from /proc/stat, so PostgreSQL and RabbitMQ count) and per
/// process group (this process, postgres, RabbitMQ's beam.smp, everything else), from /proc/[pid]/stat.
/// </summary>
public sealed class CpuSample
{
    private readonly (long Busy, long Total) _machine = Machine();
    private readonly Dictionary<int, (string Group, long Ticks)> _processes = Processes();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public double MachineBusy { get; private set; } = double.NaN;
    public double ProcessCores => Groups.GetValueOrDefault("benchmark", double.NaN);
    public Dictionary<string, double> Groups { get; } = [];

    public CpuSample Stop()
    {
        var seconds = _wall.Elapsed.TotalSeconds;
        var (busy, total) = Machine();
        if (total > _machine.Total) MachineBusy = (busy - _machine.Busy) / (double)(total - _machine.Total);
        foreach (var (pid, (group, ticks)) in Processes())
        {
            var before = _processes.TryGetValue(pid, out var b) && b.Group == group ? b.Ticks : 0;
            Groups[group] = Groups.GetValueOrDefault(group) + (ticks - before) / 100.0 / seconds; // USER_HZ = 100
        }
        return this;
    }

    public string Describe() =>
        $"machine {MachineBusy:P0} busy of {Environment.ProcessorCount} cores; in cores: " +
        string.Join(", ", new[] { "benchmark", "postgres", "rabbitmq", "other" }.Select(g => $"{g} {Groups.GetValueOrDefault(g):F2}"));

    private static (long Busy, long Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static Dictionary<int, (string, long)> Processes()
    {
        var result = new Dictionary<int, (string, long)>();
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var comm = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var group = pid == self ? "benchmark"
                    : comm == "postgres" ? "postgres"
                    : comm is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" ? "rabbitmq"
                    : "other";
                result[pid] = (group, ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                // the process ended meanwhile
            }
        }
        return result;
    }
}
