using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>Resident memory (VmRSS) and CPU of one service over one window of the run.</summary>
public sealed record ServiceUsage(string Service, int Pid, double MaxRssMb, double CpuPercent);

public sealed record WindowUsage(string Window, double Seconds, double MachineCpuPercent, IReadOnlyList<ServiceUsage> Services);

/// <summary>
/// Samples each service's VmRSS from /proc/&lt;pid&gt;/status every 200 ms and its CPU time from /proc/&lt;pid&gt;/stat; each
/// window (a phase) reports the maximum resident memory and the CPU share (100 % = one core) of each service, and the
/// whole machine's busy share (100 % = every core).
/// </summary>
public sealed class Sampler : IAsyncDisposable
{
    private readonly List<(string Name, int Pid)> _services;
    private readonly Dictionary<string, double> _maxRss = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _lock = new();
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private string? _window;
    private long _windowStart;
    private Dictionary<string, double> _cpuStart = [];
    private (double Busy, double Total) _machineStart;

    public List<WindowUsage> Windows { get; } = [];

    public Sampler(IEnumerable<(string Name, string PidFile)> services)
    {
        _services = services.Select(s => (s.Name, Pid: File.Exists(s.PidFile) && int.TryParse(File.ReadAllText(s.PidFile).Trim(), out var p) ? p : 0))
            .Where(s => s.Pid > 0).ToList();
        _services.Add(("load driver", Environment.ProcessId));
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (_window is not null)
                    foreach (var (name, pid) in _services)
                        if (RssMb(pid) is { } rss) _maxRss[name] = Math.Max(_maxRss.GetValueOrDefault(name), rss);
            }
            try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public void Begin(string window)
    {
        lock (_lock)
        {
            _window = window;
            _windowStart = Clock.Now();
            _maxRss.Clear();
            _cpuStart = _services.ToDictionary(s => s.Name, s => CpuSeconds(s.Pid) ?? 0);
            _machineStart = MachineCpu();
            foreach (var (name, pid) in _services)
                if (RssMb(pid) is { } rss) _maxRss[name] = rss;
        }
    }

    public WindowUsage End()
    {
        lock (_lock)
        {
            var seconds = Clock.Ms(Clock.Now() - _windowStart) / 1000;
            var machine = MachineCpu();
            var busy = machine.Total - _machineStart.Total > 0 ? 100 * (machine.Busy - _machineStart.Busy) / (machine.Total - _machineStart.Total) : 0;
            var usage = new WindowUsage(_window ?? "?", seconds, busy, _services.Select(s => new ServiceUsage(s.Name, s.Pid,
                _maxRss.GetValueOrDefault(s.Name), 100 * ((CpuSeconds(s.Pid) ?? 0) - _cpuStart.GetValueOrDefault(s.Name)) / seconds)).ToList());
            Windows.Add(usage);
            _window = null;
            return usage;
        }
    }

    public IReadOnlyList<(string Name, int Pid)> Services => _services;

    public static double? RssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3, utime field 14, stime field 15 (1-based over the whole line).
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException) { return null; }
    }

    private static (double Busy, double Total) MachineCpu()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + (cpu.Length > 4 ? cpu[4] : 0);
        var total = cpu.Take(8).Sum();
        return (total - idle, total);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
