using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace Platform.Benchmarks;

/// <summary>
/// The fixed costs every relay page pays, measured at rest before the phases: one small PostgreSQL commit
/// (fsync, as the daemon's progression and high water mark writes) and one persistent RabbitMQ publish to a durable
/// queue awaiting its confirm (as each relay publish). Sequential, one at a time.
/// </summary>
public sealed record Floors(Lag PostgresCommit, Lag BrokerConfirm)
{
    public static async Task<Floors> MeasureAsync(BenchOptions options, Uri rabbitMq, string schema, string queue, int samples = 200)
    {
        var commit = new Lag();
        await using (var data = NpgsqlDataSource.Create(options.Postgres))
        await using (var connection = await data.OpenConnectionAsync())
        {
            await using (var create = new NpgsqlCommand(
                $"create table if not exists \"{schema}\".bench_floor (id int primary key, n bigint not null)", connection))
                await create.ExecuteNonQueryAsync();
            await using var upsert = new NpgsqlCommand(
                $"insert into \"{schema}\".bench_floor (id, n) values (1, @n) on conflict (id) do update set n = excluded.n", connection);
            var n = new NpgsqlParameter<long>("n", 0L);
            upsert.Parameters.Add(n);
            for (var i = 0; i < samples; i++)
            {
                n.TypedValue = i;
                var start = Stopwatch.GetTimestamp();
                await upsert.ExecuteNonQueryAsync();
                commit.Add(start, Stopwatch.GetTimestamp());
            }
        }

        var confirm = new Lag();
        var factory = new ConnectionFactory { Uri = rabbitMq };
        await using (var connection = await factory.CreateConnectionAsync("platform-benchmark-floor"))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                         publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-expires"] = 120_000 });
            var body = new byte[600];
            var properties = new BasicProperties { Persistent = true };
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await channel.BasicPublishAsync("", queue, mandatory: false, properties, body);
                confirm.Add(start, Stopwatch.GetTimestamp());
            }
            await channel.QueueDeleteAsync(queue);
        }
        return new Floors(commit, confirm);
    }
}
