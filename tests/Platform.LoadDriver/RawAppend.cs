using HdrHistogram;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Platform.LoadDriver;

/// <summary>An event shaped like the platform's (a case id, a version, who and when), appended by the raw phase.</summary>
public sealed record RawAppended(Guid CaseId, string AgencyId, string Note, DateTimeOffset OccurredAt);

public sealed record AppendResult(int Writers, int Events, double Seconds, LongHistogram Commit)
{
    public double Rate => Events / Seconds;
}

/// <summary>
/// The raw Marten append rate of this machine: a store configured like the services' (camelCase System.Text.Json, Guid
/// streams, all metadata), in a schema of its own that is dropped afterwards; N writers each commit one event per
/// transaction to a new stream, back to back, for N seconds. No HTTP, no relay, no broker.
/// </summary>
public static class RawAppend
{
    public static async Task<AppendResult> RunAsync(string connectionString, int writers, int seconds, Action<string> progress,
        CancellationToken ct)
    {
        var schema = $"loaddriver_raw_{Guid.NewGuid():N}"[..24];
        using var store = DocumentStore.For(o =>
        {
            o.Connection(connectionString);
            o.DatabaseSchemaName = schema;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            o.Events.StreamIdentity = StreamIdentity.AsGuid;
            o.Events.MetadataConfig.EnableAll();
            o.Events.AddEventType<RawAppended>();
        });
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            // Warm-up: JIT and the connection pool.
            for (var i = 0; i < 20; i++) await AppendOneAsync(store, "warm-up", ct);

            var commit = Histograms.New();
            var events = 0;
            var start = Clock.Now();
            var end = start + Clock.Ticks(seconds);
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var local = Histograms.New();
                while (Clock.Now() < end)
                {
                    var t = Clock.Now();
                    await AppendOneAsync(store, $"writer-{w}", ct);
                    local.Record(Clock.Now() - t);
                    Interlocked.Increment(ref events);
                }
                lock (commit) commit.Add(local);
            }, ct)));
            var result = new AppendResult(writers, events, Clock.Ms(Clock.Now() - start) / 1000, commit);
            progress($"raw Marten append: {result.Rate:F0} events/s with {writers} writers");
            return result;
        }
        finally
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task AppendOneAsync(IDocumentStore store, string writer, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = writer;
        var id = Guid.CreateVersion7();
        session.Events.StartStream(id, new RawAppended(id, "raw-agency", writer, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync(ct);
    }
}
