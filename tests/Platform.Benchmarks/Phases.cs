using System.Diagnostics;
using Marten;

namespace Platform.Benchmarks;

/// <summary>The two ways the benchmark appends: at a steady rate (open loop), or as fast as N writers can (closed loop).</summary>
public static class Phases
{
    /// <summary>
    /// Appends <paramref name="count"/> events at <paramref name="rate"/> per second, event i due at start + i/rate,
    /// spread over a few lanes so one slow commit does not hold the schedule back. Returns the worst lateness (ms).
    /// </summary>
    public static async Task<double> SteadyAsync(IDocumentStore store, Recorder recorder, Phase phase, int rate, int count,
        double newCaseShare, int seed, CancellationToken cancellationToken)
    {
        const int lanes = 4;
        var start = Recorder.Now();
        phase.Start = start;
        var period = Stopwatch.Frequency / (double)rate;
        var late = new long[lanes];
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(lane => Task.Run(async () =>
        {
            var writer = new Writer(store, recorder, seed + lane, newCaseShare);
            for (var i = lane; i < count; i += lanes)
            {
                var due = start + (long)(i * period);
                var wait = due - Recorder.Now();
                if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), cancellationToken);
                late[lane] = Math.Max(late[lane], Math.Max(0, Recorder.Now() - due));
                await writer.AppendOneAsync(phase, cancellationToken);
            }
        }, cancellationToken)));
        return Recorder.Ms(late.Max());
    }

    /// <summary>Each of <paramref name="writers"/> appends one event per commit, back to back, until the time is up.</summary>
    public static async Task BurstAsync(IDocumentStore store, Recorder recorder, Phase phase, int writers, TimeSpan duration,
        double newCaseShare, int seed, CancellationToken cancellationToken)
    {
        var start = Recorder.Now();
        phase.Start = start;
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var writer = new Writer(store, recorder, seed + w, newCaseShare);
            while (Recorder.Now() < end) await writer.AppendOneAsync(phase, cancellationToken);
        }, cancellationToken)));
    }
}
