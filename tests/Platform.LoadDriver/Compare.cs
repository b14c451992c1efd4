using System.Net;
using HdrHistogram;

namespace Platform.LoadDriver;

public sealed record LegResult(string Target, int Requests, int Errors, double Seconds, LongHistogram Latency)
{
    public double Rate => Requests / Seconds;
}

public sealed record CompareResult(string Mix, IReadOnlyList<LegResult> Legs)
{
    private double RateOf(string target)
    {
        var legs = Legs.Where(l => l.Target == target).ToList();
        return legs.Sum(l => l.Requests) / legs.Sum(l => l.Seconds);
    }

    public double Direct => RateOf("direct");
    public double Gateway => RateOf("gateway");
    public double Ratio => Gateway / Direct;
    public int Errors => Legs.Sum(l => l.Errors);

    public LongHistogram LatencyOf(string target)
    {
        var h = Histograms.New();
        foreach (var l in Legs.Where(l => l.Target == target)) h.Add(l.Latency);
        return h;
    }
}

/// <summary>
/// The same requests, closed loop with N in flight, to the gateway and to Intake directly, in alternating legs
/// (direct, gateway, gateway, direct) so a drift of the machine over the phase weighs on both alike.
/// </summary>
public static class Compare
{
    public static async Task<CompareResult> RunAsync(string mix, HttpClient direct, HttpClient gateway, IReadOnlyList<BenchCase> cases,
        int concurrency, int seconds, Action<string> progress, CancellationToken ct)
    {
        var legs = new List<LegResult>();
        var leg = seconds / 2.0;
        foreach (var (target, client) in new[] { ("direct", direct), ("gateway", gateway), ("gateway", gateway), ("direct", direct) })
        {
            var result = await LegAsync(mix, target, client, cases, concurrency, leg, ct);
            progress($"{mix} via {target}: {result.Rate:F0} requests/s ({result.Errors} errors)");
            legs.Add(result);
        }
        return new CompareResult(mix, legs);
    }

    private static async Task<LegResult> LegAsync(string mix, string target, HttpClient client, IReadOnlyList<BenchCase> cases, int concurrency,
        double seconds, CancellationToken ct)
    {
        var latency = Histograms.New();
        int requests = 0, errors = 0;
        var start = Clock.Now();
        var end = start + Clock.Ticks(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            // Writers own disjoint cases (case index % concurrency == w), so If-Match never races.
            var own = cases.Where((_, i) => i % concurrency == w % Math.Min(concurrency, cases.Count)).ToList();
            var local = Histograms.New();
            var n = 0;
            while (Clock.Now() < end)
            {
                var c = own[n % own.Count];
                var sent = Clock.Now();
                var ok = false;
                try
                {
                    if (mix == "read")
                    {
                        ok = await PlatformClient.ReadCaseAsync(client, c, ct) == HttpStatusCode.OK;
                    }
                    else
                    {
                        await c.Gate.WaitAsync(ct);
                        try
                        {
                            var (status, version) = await PlatformClient.AssessAsync(client, c, n, ct);
                            ok = status == HttpStatusCode.NoContent;
                            if (ok && version is { } v) c.Version = v;
                        }
                        finally
                        {
                            c.Gate.Release();
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                }
                local.Record(Clock.Now() - sent);
                n++;
                if (ok) Interlocked.Increment(ref requests);
                else Interlocked.Increment(ref errors);
            }
            lock (latency) latency.Add(local);
        }, ct)));
        return new LegResult(target, requests, errors, Clock.Ms(Clock.Now() - start) / 1000, latency);
    }
}
