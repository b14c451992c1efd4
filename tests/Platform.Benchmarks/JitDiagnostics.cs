using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Platform.Benchmarks;

/// <summary>
/// Counts the methods the runtime JIT-compiles while enabled (runtime event source, JIT keyword), by namespace and
/// name: code generated per operation shows up as the same names compiled again and again.
/// </summary>
public sealed class JitDiagnostics : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<string, int> _byMethod = new();
    private readonly ConcurrentDictionary<string, int> _byNamespace = new();
    private volatile bool _counting;
    private int _total;

    public void Start() => _counting = true;

    public void Stop() => _counting = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventName is not "MethodJittingStarted_V1" || e.Payload is null) return;
        var ns = e.Payload[e.PayloadNames!.IndexOf("MethodNamespace")]?.ToString() ?? "?";
        var name = e.Payload[e.PayloadNames!.IndexOf("MethodName")]?.ToString() ?? "?";
        Interlocked.Increment(ref _total);
        _byNamespace.AddOrUpdate(Shorten(ns), 1, (_, n) => n + 1);
        _byMethod.AddOrUpdate($"{Shorten(ns)}::{name}", 1, (_, n) => n + 1);
    }

    private static string Shorten(string ns) => ns.Length > 140 ? ns[..140] + "…" : ns;

    public string Report(double seconds)
    {
        var lines = new List<string> { $"JIT: {_total} methods compiled in {seconds:F1} s ({_total / seconds:F0}/s)", "top types:" };
        lines.AddRange(_byNamespace.OrderByDescending(kv => kv.Value).Take(25).Select(kv => $"  {kv.Value,6} {kv.Key}"));
        lines.Add("top methods:");
        lines.AddRange(_byMethod.OrderByDescending(kv => kv.Value).Take(25).Select(kv => $"  {kv.Value,6} {kv.Key}"));
        return string.Join('\n', lines);
    }
}
